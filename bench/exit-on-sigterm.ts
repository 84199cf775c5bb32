/**
 * Preloaded (`node --require`) into the API when the lodging bench profiles it: SIGTERM exits
 * at once through process.exit, so that `--cpu-prof` writes its profile (Nest's shutdown hook
 * would re-raise the signal, and a process killed by a signal writes none).
 */
process.once('SIGTERM', () => process.exit(0));
