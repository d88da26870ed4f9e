// Dunning Report's cases that run in n8n's engine, as one jest file. Jest loads the engine anew for each
// test file (2,000 modules, about 1.5 s of CPU), so they are the *.cases.ts modules of this folder, each
// one describe block (test/helpers/README.md).
import './report.cases';
import './dso.cases';
