/** Free-text matching shared by the searches: lower-case word tokens, weighted by field. */

export function tokens(text: string | undefined): string[] {
	return (text ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((token) => token.length > 1);
}

/** Sum over tokens of the weight of each field that contains the token. */
export function matchScore(queryTokens: string[], fields: Array<[string | null | undefined, number]>): number {
	let score = 0;
	for (const token of queryTokens) {
		for (const [text, weight] of fields) if (text && text.toLowerCase().includes(token)) score += weight;
	}
	return score;
}

/** Best match first; Array.prototype.sort is stable, so equal scores keep list order. */
export function rankByMatch<T>(items: readonly T[], score: (item: T) => number, tieBreak: (a: T, b: T) => number = () => 0): T[] {
	return items
		.map((item) => ({ item, score: score(item) }))
		.filter((entry) => entry.score > 0)
		.sort((a, b) => b.score - a.score || tieBreak(a.item, b.item))
		.map((entry) => entry.item);
}
