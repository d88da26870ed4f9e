import { customerText, replyBody } from '../../../nodes/shared/internal';

describe("replyBody: the customer's own words", () => {
	it('drops the quoted reminder under "Le … a écrit :", "On … wrote:", "Am … schrieb", "El … escribió:"', () => {
		for (const opener of [
			'Le ven. 20 nov. 2026 à 09:00, Compta <c@x.fr> a écrit :',
			'On Fri, 20 Nov 2026 at 09:00, Accounts <a@x.com> wrote:',
			'Am 20.11.2026 um 09:00 schrieb Buchhaltung <b@x.de>:',
			'El vie, 20 nov 2026 a las 9:00, Administración <c@x.es> escribió:',
		]) {
			expect(replyBody(`Je vous règle lundi.\n\n${opener}\n> Merci de régler avant le 30.`)).toBe(
				'Je vous règle lundi.',
			);
		}
	});

	it('drops a Gmail opener wrapped on two lines, Outlook header blocks and forwarded messages', () => {
		expect(
			replyBody('OK lundi.\nLe ven. 20 nov. 2026 à 09:00, Compta <c@x.fr> a\nécrit :\n> x'),
		).toBe('OK lundi.');
		expect(
			replyBody('OK lundi.\n\nDe : Compta\nEnvoyé : vendredi\nObjet : Relance\nMerci de payer'),
		).toBe('OK lundi.');
		expect(replyBody('Voir ci-dessous.\n---------- Forwarded message ---------\nPaid')).toBe(
			'Voir ci-dessous.',
		);
		expect(replyBody('a\n> quoted\nb')).toBe('a\nb');
	});

	it('drops the signature after "-- ", a closing formula or a phone signature, but keeps an opening "Merci !"', () => {
		expect(replyBody('Je règle lundi.\n-- \nJean\nNever pay late')).toBe('Je règle lundi.');
		expect(replyBody('Je règle lundi.\nCordialement,\nJean Martin\n01 02 03 04 05')).toBe(
			'Je règle lundi.',
		);
		expect(replyBody('Wir zahlen am Freitag.\nMit freundlichen Grüßen\nHans')).toBe(
			'Wir zahlen am Freitag.',
		);
		expect(replyBody('We pay Friday.\n\nSent from my iPhone')).toBe('We pay Friday.');
		expect(replyBody('Merci !\nJe règle vendredi.')).toBe('Merci !\nJe règle vendredi.');
	});

	it('reads an HTML-only mail without its blockquote', () => {
		expect(
			customerText('', '<p>Je vous r&egrave;gle le 15.</p><blockquote>avant le 30</blockquote>'),
		).toBe('Je vous règle le 15.');
	});
});
