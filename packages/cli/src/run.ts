// Entry point of the `plenum` process (bin/plenum.js loads the compiled form of this file).
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2), process.env);
