/** The SMS core (issue 20): a short reminder text and its GSM-7 / UCS-2 length. */
export { composeSms, type ComposeSmsInput, type ComposedSms } from './compose-sms';
export { smsLength, gsm7Septets, SMS_LIMITS, type SmsEncoding, type SmsLength } from './gsm';
export { SMS_TEMPLATES, type SmsTone } from '../composer/templates/sms';
export { smsRecipient, type SmsRecipient } from './recipient';
