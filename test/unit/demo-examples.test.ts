/** What the demo makes of examples/: the order it lists and imports them in, and its links. */
import { join } from 'node:path';
import { editorLinks, loadExamples } from '../../scripts/demo';

const examples = loadExamples(join(__dirname, '../../examples'));

describe('the demo examples', () => {
	it('lists the examples the demo can run before those that need more', () => {
		const runnable = examples.map((e) => !e.skipHeadless);
		expect(runnable[0]).toBe(true);
		expect(runnable).toContain(false);
		expect(runnable.indexOf(false)).toBe(runnable.lastIndexOf(true) + 1);
	});

	it('an example the demo cannot run says what it needs on a sticky note and in its reason', () => {
		for (const { workflow, skipHeadless } of examples.filter((e) => e.skipHeadless)) {
			const notes = workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote');
			expect(notes.map((n) => String(n.parameters?.content))).toEqual([expect.stringMatching(/needs/i)]);
			expect(skipHeadless).toMatch(/needs/);
		}
	});

	it('links the workflows overview and the first example, not n8n\'s start page', () => {
		expect(editorLinks('http://localhost:5678', examples)).toEqual({
			overview: 'http://localhost:5678/home/workflows',
			first: `http://localhost:5678/workflow/${examples[0].workflow.id}`,
		});
		expect(editorLinks('http://localhost:5678', [])).toEqual({ overview: 'http://localhost:5678/home/workflows' });
	});
});
