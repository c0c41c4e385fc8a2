import { main } from './app-shell';

main();
