import { accuracy, loadCorpus, runCorpus } from './corpus';

const results = runCorpus();

describe('reply corpus (test/replies/corpus)', () => {
	it('holds at least 200 replies, at least 40 in each of fr, en, de and es', () => {
		const corpus = loadCorpus();
		expect(corpus.length).toBeGreaterThanOrEqual(200);
		for (const language of ['fr', 'en', 'de', 'es']) {
			expect(corpus.filter((item) => item.language === language).length).toBeGreaterThanOrEqual(40);
		}
	});

	it('marks every case the rules cannot get as needs_person, never as another decision', () => {
		const mislabelled = loadCorpus().filter(
			(item) =>
				item.truth !== undefined &&
				item.expected.kind !== 'needs_person' &&
				item.truth !== item.expected.kind,
		);
		expect(mislabelled.map((item) => item.id)).toEqual([]);
	});

	it.each(
		results.map(
			(result) => [result.case.id, result.case.note ?? result.case.expected.kind, result] as const,
		),
	)('%s (%s) is classified as expected', (_id, _note, result) => {
		expect(result.failures).toEqual([]);
	});

	it('never decides a reply otherwise than a person would, except by leaving it to a person', () => {
		expect(accuracy(results).filter((row) => row.wrong > 0)).toEqual([]);
	});
});
