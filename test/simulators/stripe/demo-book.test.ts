// The demo and e2e books derive invoice prefixes and email domains from customer names (issue 18): they must
// read well for accented names and always be valid (a trailing dot once made "accounts@…-inc..example").
import { demoBook, invoicePrefix, slug } from './demo-book';

describe('names of the demo book', () => {
	it('transliterates accented names instead of splitting them at each accent', () => {
		expect(slug('Kinésithérapie Morel')).toBe('kinesitherapie-morel');
		expect(invoicePrefix('Hôtel Beauséjour')).toBe('HOTELBEA');
		expect(slug('Crèche Les Petits Pas')).toBe('creche-les-petits-pas');
	});

	it('keeps only letters, digits and hyphens, so "Inc." does not end an email domain with a dot', () => {
		expect(slug('Pinecrest Software Inc.')).toBe('pinecrest-software-inc');
	});

	it('gives every customer of the book an email address a mail server accepts', () => {
		for (const customer of demoBook().customers) {
			expect(customer.email).toMatch(/^accounts@[a-z0-9]+(-[a-z0-9]+)*\.example$/);
		}
	});
});
