// Adds diagram coordinates to the generated playbooks so Camunda Modeler can show and edit them.
// Needs bpmn-auto-layout: run from a folder where `npm install bpmn-auto-layout` was done, e.g.
//   (cd /tmp/layout && npm install bpmn-auto-layout && node /path/to/workflows/tools/layout.mjs)
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(join(process.cwd(), 'noop.js'));
const { layoutProcess } = await import(require.resolve('bpmn-auto-layout'));
const folder = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'main', 'resources', 'bpmn');
for (const name of ['contain_compromised_account', 'contain_host', 'contain_remote_worker']) {
  const file = join(folder, name + '.bpmn');
  writeFileSync(file, await layoutProcess(readFileSync(file, 'utf8')));
  console.log('laid out', name);
}
