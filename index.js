// n8n loads the node and credential through the "n8n" section of package.json; nothing runs from here.
module.exports = {};
