/** §2 Territories and the companies in them. */
import type { Ctx } from '../context';
import { inListOrder, listReply } from '../envelopes';
import { fail, notFound } from '../errors';
import type { Reply } from '../http';
import { legacyCompanySummary, legacyTerritory, type Territory, type TerritoryCompany } from '../records';
import type { Store } from '../store';

function olderTerritory(store: Store, territory: Territory) {
	const details = store.territoryDetails(territory.id);
	const count = store.data.territoryCompanies[territory.id]?.length ?? 0;
	return details ? legacyTerritory(territory, details, count) : territory;
}

function findTerritory(ctx: Ctx): Territory {
	return ctx.state.store.territory(ctx.params.territoryId) ?? fail(notFound('Territory'));
}

export function listTerritories(ctx: Ctx): Reply {
	const { store } = ctx.state;
	return listReply(ctx, inListOrder(ctx, store.data.territories), {
		listName: 'territories',
		current: 'paged',
		legacy: { shape: 'bareAll', map: (territory) => olderTerritory(store, territory) },
	});
}

export function getTerritory(ctx: Ctx): Reply {
	const territory = findTerritory(ctx);
	const legacy = ctx.state.config.envelope === 'legacy';
	return { status: 200, body: legacy ? olderTerritory(ctx.state.store, territory) : territory };
}

export function listTerritoryCompanies(ctx: Ctx): Reply {
	const { store } = ctx.state;
	const territory = findTerritory(ctx);
	return listReply<TerritoryCompany>(ctx, inListOrder(ctx, store.data.territoryCompanies[territory.id] ?? []), {
		listName: 'companies',
		current: 'paged',
		legacy: {
			shape: 'data',
			map: (row) => {
				const company = store.company(row.company_id);
				return company ? legacyCompanySummary(company, store.accountOfCompany(company.id)) : row;
			},
		},
	});
}
