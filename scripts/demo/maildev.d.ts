export interface MailDevEmail {
	id: string;
	subject: string;
	to: { address: string; name?: string }[];
	from: { address: string; name?: string }[];
	text?: string;
	html?: string;
	date: string;
	attachments?: { fileName?: string; generatedFileName?: string; contentType?: string }[];
}
export interface MailDev {
	smtpPort: number;
	webUrl: string;
	pid: number;
	/** MailDev's own mail folder (a temp folder removed when it stops). */
	mailDirectory: string;
	emails(): Promise<MailDevEmail[]>;
	stop(): Promise<void>;
}
export function startMailDev(): Promise<MailDev>;
