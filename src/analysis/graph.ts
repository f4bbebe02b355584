/**
 * Read-only views of a system model that rules and the path search need: neighbours by flow kind, reachability,
 * and which controls guard which component. They are the resolved model's (model/resolved.ts), computed once per
 * model; the name stays for the rules and the library API that know it as the model graph.
 */
export { ResolvedModel as ModelGraph, resolveModel as modelGraph } from '../model/resolved.js';
