module.exports = () => require('./servers').setup();
