export { buildProgram, formatResult } from './main.js';
