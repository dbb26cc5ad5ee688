/**
 * @module cli
 * The `lynkr` command. `lynkr` or `lynkr start` runs the server.
 */
import { main } from '../main.js';

export async function runCli(args: string[]): Promise<void> {
  const [command = 'start'] = args;
  switch (command) {
    case 'start':
      await main();
      return;
    case '--help':
    case '-h':
    case 'help':
      console.log('Usage: lynkr [start]\n\nStarts the Lynkr proxy. Configuration comes from the environment and ./.env (see README).');
      return;
    default:
      console.error(`lynkr: unknown command "${command}". Try: lynkr start`);
      process.exit(2);
  }
}
