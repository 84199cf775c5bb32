module.exports = () => require('./servers').teardown();
