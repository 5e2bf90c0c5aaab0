import { call, ids, useSandbox } from './helpers';

const env = useSandbox();

afterEach(() => env.sandbox.configure({ envelope: 'current' }));

async function all(path: string, body?: unknown) {
	const items = [];
	for (let page = 1; ; page++) {
		const res = await call(env.sandbox, `${path}${path.includes('?') ? '&' : '?'}per_page=50&page=${page}`, { body });
		expect(res.status).toBe(200);
		items.push(...res.body.items);
		if (res.body.nextPage === null) return items;
	}
}

describe('territories', () => {
	it('gets one territory, in the older shape in legacy mode, and answers 404 for an unknown one', async () => {
		const territory = env.sandbox.data.territories[2];
		expect((await call(env.sandbox, `/territories/${territory.id}`)).body).toEqual(territory);
		env.sandbox.configure({ envelope: 'legacy' });
		expect((await call(env.sandbox, `/territories/${territory.id}`)).body).toMatchObject({ id: territory.id, name: territory.territory_name, company_count: expect.any(Number) });
		expect(await call(env.sandbox, '/territories/ter_abc123')).toMatchObject({ status: 404, body: { error: 'Territory not found' } });
		expect(await call(env.sandbox, '/territories/ter_abc123/companies')).toMatchObject({ status: 404, body: { error: 'Territory not found' } });
	});
});

describe('GET /accounts filters', () => {
	it('filters by territory, tier, minimum score, industry and update time', async () => {
		const { accounts } = env.sandbox.data;
		const territory = env.sandbox.data.territories[1].id;
		expect(ids(await all(`/accounts?territory_id=${territory}`))).toEqual(ids(accounts.filter((a) => a.territory_id === territory)));
		expect(ids(await all('/accounts?tier=A'))).toEqual(ids(accounts.filter((a) => a.tier === 'A')));
		expect(ids(await all('/accounts?tier=a,C'))).toEqual(ids(accounts.filter((a) => a.tier !== 'B')));
		expect(ids(await all('/accounts?min_score=80'))).toEqual(ids(accounts.filter((a) => a.score >= 80)));
		expect(ids(await all('/accounts?industry=software'))).toEqual(ids(accounts.filter((a) => a.industry === 'Software')));
		const since = accounts[60].updated_at;
		expect(ids(await all(`/accounts?updated_since=${since}`))).toEqual(ids(accounts.filter((a) => a.updated_at >= since)));
		const combined = await all(`/accounts?tier=B&min_score=50&territory_id=${territory}`);
		expect(ids(combined)).toEqual(ids(accounts.filter((a) => a.tier === 'B' && a.score >= 50 && a.territory_id === territory)));
	});

	it('answers 400 for filter values it cannot read', async () => {
		expect((await call(env.sandbox, '/accounts?min_score=high')).body.details).toEqual(['Invalid parameter "min_score": must be a number']);
		expect((await call(env.sandbox, '/accounts?tier=D')).body.details).toEqual(['Invalid tier "D": must be A, B or C']);
		expect((await call(env.sandbox, '/accounts?updated_since=yesterday')).body.details).toEqual(['Invalid parameter "updated_since": must be an ISO 8601 date']);
	});

	it('gets one account, and answers 404 for an unknown one', async () => {
		const { accounts } = env.sandbox.data;
		expect((await call(env.sandbox, `/accounts/${accounts[3].id}`)).body).toEqual(accounts[3]);
		expect(await call(env.sandbox, '/accounts/nope')).toMatchObject({ status: 404, body: { error: 'Account not found' } });
	});
});

describe('POST /accounts/search', () => {
	it('needs at least one criterion', async () => {
		expect(await call(env.sandbox, '/accounts/search', { body: {} })).toMatchObject({ status: 400, body: { error: 'Validation error', details: ['At least one search criterion is required'] } });
	});

	it('applies every body filter', async () => {
		const { accounts } = env.sandbox.data;
		const body = { tiers: ['A', 'B'], countries: ['DE', 'United States'], employee_count_min: 50, employee_count_max: 5000, min_score: 45 };
		const expected = accounts
			.filter((a) => ['A', 'B'].includes(a.tier) && ['Germany', 'United States'].includes(a.country) && a.employee_count >= 50 && a.employee_count <= 5000 && a.score >= 45)
			.sort((a, b) => b.score - a.score);
		expect(ids(await all('/accounts/search', body))).toEqual(ids(expected));
		const industries = await all('/accounts/search', { industries: ['logistics'], territory_ids: [env.sandbox.data.territories[0].id] });
		expect(industries.every((a) => a.industry === 'Logistics' && a.territory_id === env.sandbox.data.territories[0].id)).toBe(true);
	});

	it('puts the best match first and leaves out accounts that do not match the query', async () => {
		const target = env.sandbox.data.accounts[17];
		const results = await all('/accounts/search', { query: target.name });
		expect(results[0].name).toBe(target.name);
		const words = target.name.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 1);
		expect(results.every((a) => words.some((w) => `${a.name} ${a.domain} ${a.industry} ${a.country}`.toLowerCase().includes(w)))).toBe(true);
		expect(results.length).toBeLessThan(env.sandbox.data.accounts.length);
	});

	it('rejects criteria of the wrong type', async () => {
		const res = await call(env.sandbox, '/accounts/search', { body: { tiers: 'A', min_score: '50' } });
		expect(res.body.details).toEqual(['Invalid field: "tiers" must be an array of strings', 'Invalid field: "min_score" must be a number']);
	});
});
