/** Word lists the seeded generator draws from, chosen so records read like a real workspace. */

export const FIRST_NAMES = [
	'Anna', 'Ben', 'Carla', 'David', 'Elena', 'Felix', 'Grace', 'Hannah', 'Isaac', 'Julia', 'Karim', 'Laura',
	'Marco', 'Nina', 'Oliver', 'Priya', 'Quentin', 'Rosa', 'Samuel', 'Tara', 'Umar', 'Vera', 'William', 'Xenia',
	'Yusuf', 'Zoe', 'Aiko', 'Bruno', 'Chloe', 'Daniel', 'Emma', 'Farah', 'Gabriel', 'Helena', 'Ivan', 'Jonas',
	'Katrin', 'Leon', 'Maya', 'Noah', 'Olga', 'Pedro', 'Rahul', 'Sofia', 'Thomas', 'Ursula', 'Victor', 'Wen',
	'Lucas', 'Mia', 'Ethan', 'Amelia', 'Mateo', 'Isla', 'Liam', 'Freya', 'Omar', 'Leila', 'Hugo', 'Clara',
] as const;

export const LAST_NAMES = [
	'Schmidt', 'Johnson', 'Garcia', 'Nakamura', 'Rossi', 'Dubois', 'Kowalski', 'Andersson', 'Murphy', 'Silva',
	'Patel', 'Novak', 'Jensen', 'Fischer', 'Martin', 'Lopez', 'Weber', 'Bakker', 'Costa', 'Horvat', 'Larsen',
	'Moreau', 'Khan', 'Wagner', 'Svensson', 'Brown', 'Nguyen', 'Keller', 'Ivanova', 'Romero', 'Becker', 'Haddad',
	'Lindqvist', 'Okafor', 'Petrov', 'Schulz', 'Taylor', 'Virtanen', 'Walsh', 'Yilmaz', 'Zimmermann', 'Chen',
	'Alvarez', 'Berg', 'Carter', 'Dahl', 'Evans', 'Ferrari', 'Gruber', 'Hughes', 'Ito', 'Kim', 'Meyer', 'Olsen',
	'Park', 'Reyes', 'Sato', 'Torres', 'Vogel', 'Wright',
] as const;

export const COMPANY_STEMS = [
	'Northwind', 'Bluepeak', 'Silverline', 'Brightwave', 'Ironbridge', 'Clearpath', 'Redwood', 'Stonegate',
	'Lumen', 'Veridian', 'Quantix', 'Helix', 'Orbital', 'Keystone', 'Harbor', 'Summit', 'Nimbus', 'Cobalt',
	'Evergreen', 'Granite', 'Aurora', 'Meridian', 'Pinecrest', 'Vantage', 'Atlas', 'Beacon', 'Crescent',
	'Driftwood', 'Ember', 'Fjord', 'Glacier', 'Horizon', 'Juniper', 'Kestrel', 'Lighthouse', 'Mosaic',
	'Nova', 'Oakridge', 'Prism', 'Quarry', 'Riverstone', 'Sequoia', 'Tidewater', 'Upland', 'Vertex', 'Willow',
	'Zephyr', 'Arcadia', 'Boreal', 'Cascade',
] as const;

export const COMPANY_SUFFIXES = [
	'Systems', 'Labs', 'Logistics', 'Health', 'Analytics', 'Robotics', 'Energy', 'Software', 'Capital',
	'Manufacturing', 'Foods', 'Networks', 'Biotech', 'Mobility', 'Security', 'Cloud', 'Materials', 'Retail',
	'Media', 'Telecom', 'Insurance', 'Pharma', 'Aerospace', 'Learning', 'Payments', 'Devices', 'Studios',
	'Consulting', 'Instruments', 'Solutions',
] as const;

export const LEGAL_FORMS = ['', '', '', ' Inc.', ' GmbH', ' Ltd', ' AG', ' SA', ' BV', ' AB'] as const;

export const INDUSTRIES = [
	'Software', 'Manufacturing', 'Logistics', 'Healthcare', 'Financial Services', 'Retail', 'Energy',
	'Telecommunications', 'Biotechnology', 'Automotive', 'Media', 'Education', 'Insurance', 'Aerospace',
	'Food & Beverage',
] as const;

export interface Country {
	name: string;
	code: string;
	dial: string;
	cities: readonly string[];
}

export const COUNTRIES: readonly Country[] = [
	{ name: 'Germany', code: 'DE', dial: '+49', cities: ['Berlin', 'Munich', 'Hamburg', 'Frankfurt'] },
	{ name: 'United States', code: 'US', dial: '+1', cities: ['New York', 'San Francisco', 'Austin', 'Chicago'] },
	{ name: 'United Kingdom', code: 'GB', dial: '+44', cities: ['London', 'Manchester', 'Edinburgh'] },
	{ name: 'France', code: 'FR', dial: '+33', cities: ['Paris', 'Lyon', 'Toulouse'] },
	{ name: 'Netherlands', code: 'NL', dial: '+31', cities: ['Amsterdam', 'Rotterdam', 'Eindhoven'] },
	{ name: 'Sweden', code: 'SE', dial: '+46', cities: ['Stockholm', 'Gothenburg', 'Malmo'] },
	{ name: 'Spain', code: 'ES', dial: '+34', cities: ['Madrid', 'Barcelona', 'Valencia'] },
	{ name: 'Italy', code: 'IT', dial: '+39', cities: ['Milan', 'Rome', 'Turin'] },
	{ name: 'Switzerland', code: 'CH', dial: '+41', cities: ['Zurich', 'Geneva', 'Basel'] },
	{ name: 'Canada', code: 'CA', dial: '+1', cities: ['Toronto', 'Vancouver', 'Montreal'] },
	{ name: 'Poland', code: 'PL', dial: '+48', cities: ['Warsaw', 'Krakow', 'Wroclaw'] },
	{ name: 'Denmark', code: 'DK', dial: '+45', cities: ['Copenhagen', 'Aarhus'] },
	{ name: 'Ireland', code: 'IE', dial: '+353', cities: ['Dublin', 'Cork'] },
	{ name: 'Austria', code: 'AT', dial: '+43', cities: ['Vienna', 'Graz'] },
	{ name: 'Japan', code: 'JP', dial: '+81', cities: ['Tokyo', 'Osaka'] },
];

/** Territory names are region x segment; `filters` of the older Territory shape repeat them. */
export const REGIONS = ['DACH', 'Nordics', 'UK & Ireland', 'Benelux', 'France', 'Southern Europe', 'US East', 'US West', 'Canada', 'CEE', 'Japan', 'Global'] as const;
export const SEGMENTS = ['Enterprise', 'Mid-Market', 'SMB', 'Strategic'] as const;
export const TERRITORY_STATUSES = ['active', 'active', 'active', 'active', 'paused'] as const;
export const SCORING_MODELS = ['fit_v2', 'fit_v2', 'intent_v1', 'fit_and_intent_v3'] as const;

export const SALES_REPS = [
	'Maria Lopez', 'James Carter', 'Sophie Weber', 'Daniel Kim', 'Aisha Khan', 'Lukas Berg', 'Emily Walsh', 'Tomasz Novak',
] as const;

export type Seniority = 'c_suite' | 'vp' | 'director' | 'head' | 'manager' | 'senior' | 'entry';

/** Job titles with the seniority the contacts search filters on. */
export const JOB_TITLES: ReadonlyArray<readonly [string, Seniority]> = [
	['Chief Executive Officer', 'c_suite'], ['Chief Technology Officer', 'c_suite'], ['Chief Revenue Officer', 'c_suite'],
	['Chief Financial Officer', 'c_suite'], ['VP of Sales', 'vp'], ['VP of Engineering', 'vp'], ['VP of Marketing', 'vp'],
	['VP of Operations', 'vp'], ['Director of Procurement', 'director'], ['Director of IT', 'director'],
	['Director of Sales', 'director'], ['Director of Data', 'director'], ['Head of Growth', 'head'],
	['Head of Partnerships', 'head'], ['Head of Security', 'head'], ['Head of Supply Chain', 'head'],
	['Engineering Manager', 'manager'], ['Marketing Manager', 'manager'], ['Account Manager', 'manager'],
	['Product Manager', 'manager'], ['Senior Software Engineer', 'senior'], ['Senior Data Analyst', 'senior'],
	['Senior Account Executive', 'senior'], ['Solutions Architect', 'senior'], ['Sales Development Representative', 'entry'],
	['Business Analyst', 'entry'], ['Software Engineer', 'entry'], ['Customer Success Associate', 'entry'],
];

export const SKILLS = [
	'Salesforce', 'HubSpot', 'Negotiation', 'Python', 'SQL', 'Cloud Architecture', 'Kubernetes', 'Leadership',
	'Forecasting', 'Procurement', 'Supply Chain', 'Data Analysis', 'Product Strategy', 'Public Speaking',
	'Account Planning', 'Cybersecurity', 'Machine Learning', 'Budgeting', 'Go-to-Market', 'Change Management',
] as const;

export const SCHOOLS = [
	'Technical University of Munich', 'University of Amsterdam', 'London School of Economics', 'Stanford University',
	'ETH Zurich', 'KTH Royal Institute of Technology', 'Sciences Po', 'University of Toronto', 'Politecnico di Milano',
	'University College Dublin', 'University of Warsaw', 'Keio University',
] as const;

export const DEGREES = ['BSc', 'BA', 'MSc', 'MBA', 'MA', 'PhD'] as const;
export const FIELDS_OF_STUDY = ['Computer Science', 'Business Administration', 'Economics', 'Mechanical Engineering', 'Marketing', 'Mathematics', 'Industrial Engineering'] as const;

export const TECHNOLOGIES = [
	'Salesforce', 'HubSpot', 'SAP S/4HANA', 'Snowflake', 'AWS', 'Azure', 'Google Cloud', 'Kubernetes', 'Workday',
	'ServiceNow', 'Zendesk', 'Shopify', 'Stripe', 'Datadog', 'Okta', 'Slack', 'Microsoft Dynamics', 'Oracle NetSuite',
] as const;

export const TERRITORY_COMPANY_STATUSES = ['Completed', 'Completed', 'Completed', 'Completed', 'Completed', 'Processing', 'Processing', 'Failed'] as const;

export const SOURCE_TYPES = ['news', 'job_posting', 'website', 'linkedin_post', 'press_release', 'funding', 'earnings_call'] as const;

/** Relevance signals by source type; `{c}` is the company, `{x}` a detail drawn per item. */
export const SIGNAL_TEMPLATES: Record<(typeof SOURCE_TYPES)[number], { title: string; excerpt: string; details: readonly string[] }> = {
	news: {
		title: '{c} expands into {x}',
		excerpt: '{c} announced plans to open a new office and grow its sales team in {x} over the next two quarters.',
		details: ['the Nordics', 'North America', 'Southeast Asia', 'the DACH region', 'Latin America'],
	},
	job_posting: {
		title: '{c} is hiring a {x}',
		excerpt: 'A new opening for a {x} points to investment in the team and a likely evaluation of new tooling.',
		details: ['Head of Revenue Operations', 'Data Platform Lead', 'Procurement Manager', 'Cloud Security Engineer', 'VP of Sales'],
	},
	website: {
		title: '{c} launches {x}',
		excerpt: 'The company website now features {x}, with pricing pages and a waitlist for enterprise customers.',
		details: ['a new analytics product', 'a self-service portal', 'an AI assistant', 'a partner marketplace', 'usage-based pricing'],
	},
	linkedin_post: {
		title: '{c} leadership talks about {x}',
		excerpt: 'A senior leader at {c} wrote about {x} and the challenges of scaling the business this year.',
		details: ['automation', 'supply chain resilience', 'data quality', 'customer retention', 'cost reduction'],
	},
	press_release: {
		title: '{c} announces partnership with {x}',
		excerpt: '{c} and {x} will integrate their platforms, giving joint customers a single workflow.',
		details: ['Snowflake', 'Salesforce', 'SAP', 'Microsoft', 'Shopify'],
	},
	funding: {
		title: '{c} raises {x}',
		excerpt: '{c} closed {x}, led by growth investors, to accelerate hiring and international expansion.',
		details: ['a Series A round', 'a Series B round', 'a Series C round', 'growth financing', 'a seed extension'],
	},
	earnings_call: {
		title: '{c} reports {x}',
		excerpt: 'On its latest call {c} reported {x} and named operational efficiency as the top priority.',
		details: ['record quarterly revenue', 'double-digit growth', 'margin improvements', 'a slower quarter', 'new enterprise wins'],
	},
};

export const CONTENT_TYPES = ['email', 'notes', 'call_script', 'document', 'value_pyramid', 'three_whys'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

export const CONTENT_TITLES: Record<ContentType, string> = {
	email: 'Outreach email for {c}',
	notes: 'Account notes: {c}',
	call_script: 'Discovery call script for {c}',
	document: 'Account brief: {c}',
	value_pyramid: 'Value pyramid for {c}',
	three_whys: 'Three whys: {c}',
};

export const TASK_STATUSES = ['pending', 'in_progress', 'completed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_PRIORITIES = ['low', 'medium', 'high'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
/** Drawn with these weights: most tasks are open, most are of medium priority. */
export const SEEDED_TASK_STATUSES: readonly TaskStatus[] = ['pending', 'pending', 'pending', 'in_progress', 'in_progress', 'completed'];
export const SEEDED_TASK_PRIORITIES: readonly TaskPriority[] = ['low', 'medium', 'medium', 'medium', 'high'];
/** {c}: the company's name. */
export const COMPANY_TASK_TITLES = [
	'Follow up with {c}', 'Book a discovery call with {c}', 'Send the proposal to {c}', 'Research the buying committee at {c}',
	'Prepare the renewal for {c}', 'Share the case study with {c}', 'Review the latest signals of {c}', 'Confirm the pilot scope with {c}',
] as const;
export const WORKSPACE_TASK_TITLES = ['Prepare the quarterly pipeline review', 'Clean up stale opportunities', 'Update the territory plan', 'Refresh the outreach templates'] as const;
export const TASK_DESCRIPTIONS = [
	'Reference the latest signal and propose two time slots.',
	'Check the notes from the last call before reaching out.',
	'Loop in the account executive once there is a reply.',
	'Use the value pyramid from the generated content.',
] as const;
