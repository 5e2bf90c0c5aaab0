import { seniorityOf } from '../../sandbox/routes/contacts';
import { call, ids, useSandbox } from './helpers';

const env = useSandbox();

afterEach(() => env.sandbox.configure({ envelope: 'current', credits: { contact_credits: 1000 } }));

describe('GET /contacts/{id}', () => {
	it('returns the contact in the current shape', async () => {
		const contact = env.sandbox.data.contacts[7];
		expect((await call(env.sandbox, `/contacts/${contact.id}`)).body).toEqual(contact);
	});

	it('answers 404 with a plain error string', async () => {
		const res = await call(env.sandbox, '/contacts/00000000-0000-4000-8000-000000000000');
		expect([res.status, res.body]).toEqual([404, { error: 'Contact not found' }]);
	});

	it("serves the older shape in 'legacy' mode", async () => {
		env.sandbox.configure({ envelope: 'legacy' });
		const contact = env.sandbox.data.contacts[7];
		expect((await call(env.sandbox, `/contacts/${contact.id}`)).body).toEqual({
			id: contact.id,
			first_name: contact.first_name,
			last_name: contact.last_name,
			email: contact.email,
			job_title: contact.current_job_title,
			company: contact.company!.name,
			linkedin_url: contact.linkedin_url,
			location: contact.location,
			phone: contact.phones[0] ?? null,
			created_at: contact.created_at,
			updated_at: contact.updated_at,
		});
	});
});

describe('POST /contacts', () => {
	it('names every missing required field', async () => {
		const res = await call(env.sandbox, '/contacts', { body: { job_title: 'CTO' } });
		expect(res.status).toBe(400);
		expect(res.body).toEqual({
			error: 'Validation error',
			details: ['Missing required field: "first_name"', 'Missing required field: "last_name"', 'Missing required field: "email"'],
		});
	});

	it('rejects an email that does not look like one, and fields of the wrong type', async () => {
		const res = await call(env.sandbox, '/contacts', { body: { first_name: 'Ada', last_name: 42, email: 'ada-at-example' } });
		expect(res.body.details).toEqual(['Invalid field: "last_name" must be a string', 'Invalid field: "email" must be a valid email address']);
	});

	it('rejects a body that is not a JSON object', async () => {
		expect((await call(env.sandbox, '/contacts', { method: 'POST', raw: '{"first_name": ' })).body).toEqual({ error: 'Validation error', details: ['Request body must be valid JSON'] });
		expect((await call(env.sandbox, '/contacts', { body: ['Ada'] })).body.details).toEqual(['Request body must be a JSON object']);
	});

	it('creates the contact (201), which is then listed last and can be read back', async () => {
		const before = env.sandbox.data.contacts.length;
		const res = await call(env.sandbox, '/contacts', {
			body: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@analytical.example', job_title: 'Head of Engineering', company: 'Analytical Engines', phone: '+44 20 7946 0000', location: 'London, United Kingdom', linkedin_url: 'https://www.linkedin.com/in/ada' },
		});
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({
			full_name: 'Ada Lovelace',
			current_job_title: 'Head of Engineering',
			email: 'ada@analytical.example',
			emails: ['ada@analytical.example'],
			phones: ['+44 20 7946 0000'],
			country: 'United Kingdom',
			country_code: 'GB',
			company: { name: 'Analytical Engines', linkedin_id: null },
		});
		expect(Object.keys(res.body).sort()).toEqual(Object.keys(env.sandbox.data.contacts[0]).sort());
		expect(env.sandbox.data.contacts).toHaveLength(before + 1);
		const total = before + 1;
		const last = await call(env.sandbox, `/contacts?per_page=1&page=${total}`);
		expect(last.body.items).toEqual([res.body]);
		expect((await call(env.sandbox, `/contacts/${res.body.id}`)).body).toEqual(res.body);
	});

	it("answers in the older shape in 'legacy' mode", async () => {
		env.sandbox.configure({ envelope: 'legacy' });
		const res = await call(env.sandbox, '/contacts', { body: { first_name: 'Grace', last_name: 'Hopper', email: 'grace@navy.example', job_title: 'Rear Admiral' } });
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({ first_name: 'Grace', last_name: 'Hopper', email: 'grace@navy.example', job_title: 'Rear Admiral', company: null, phone: null });
		expect(res.body.full_name).toBeUndefined();
	});
});

describe('POST /contacts/search', () => {
	const search = (body: unknown) => call(env.sandbox, '/contacts/search?per_page=50', { body });
	const all = async (body: unknown) => {
		const items = [];
		for (let page = 1; ; page++) {
			const res = await call(env.sandbox, `/contacts/search?per_page=50&page=${page}`, { body });
			items.push(...res.body.items);
			if (res.body.nextPage === null) return items;
		}
	};

	it('filters by job title, country, seniority and company', async () => {
		const { contacts } = env.sandbox.data;
		expect(ids(await all({ job_titles: ['vp of'] }))).toEqual(ids(contacts.filter((c) => c.current_job_title!.toLowerCase().includes('vp of'))));
		expect(ids(await all({ countries: ['DE', 'france'] }))).toEqual(ids(contacts.filter((c) => c.country_code === 'DE' || c.country === 'France')));
		expect(ids(await all({ seniorities: ['c_suite'] }))).toEqual(ids(contacts.filter((c) => seniorityOf(c.current_job_title) === 'c_suite')));
		const company = env.sandbox.data.companies.find((c) => contacts.some((contact) => contact.company?.name === c.company_name))!;
		const atCompany = await all({ company_ids: [company.id] });
		expect(atCompany.length).toBeGreaterThan(0);
		expect(atCompany.every((c) => c.company.name === company.company_name)).toBe(true);
	});

	it('puts the best match of a query first', async () => {
		const target = env.sandbox.data.contacts[123];
		const query = `${target.full_name} ${target.current_job_title}`;
		const res = await search({ query });
		expect(res.body.items[0].full_name).toBe(target.full_name);
		// Only contacts that match some word of the query are returned.
		const words = query.toLowerCase().split(' ');
		const text = (c: any) => `${c.full_name} ${c.current_job_title} ${c.company.name} ${c.headline} ${c.email} ${c.skills.join(' ')}`.toLowerCase();
		expect(res.body.itemsTotal).toBeLessThan(env.sandbox.data.contacts.length);
		expect(res.body.items.every((c: any) => words.some((word) => text(c).includes(word)))).toBe(true);
	});

	it('rejects filters of the wrong type or an unknown seniority', async () => {
		expect((await search({ job_titles: 'CTO' })).body.details).toEqual(['Invalid field: "job_titles" must be an array of strings']);
		expect((await search({ seniorities: ['boss'] })).body.details[0]).toMatch(/^Invalid seniority "boss"/);
	});

	it('answers 402 when the contact credits are spent', async () => {
		env.sandbox.configure({ credits: { contact_credits: 0 } });
		const res = await search({});
		expect(res.status).toBe(402);
		expect(res.body).toEqual({ error: { type: 'payment_required', code: 'insufficient_credits', message: expect.stringContaining('contact_credits') } });
		env.sandbox.configure({ credits: { contact_credits: 1000 } });
		expect((await call(env.sandbox, '/contacts/search', { body: {}, key: env.sandbox.keys.noCredits })).status).toBe(402);
	});
});
