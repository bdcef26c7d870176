const HUB = "http://127.0.0.1:8800";
const r = await fetch(`${HUB}/trpc/auth.login`, { method: "POST", headers: { "content-type": "application/json", origin: HUB }, body: JSON.stringify({ username: "sunhua", password: "bangban2026" }) });
const cookie = r.headers.get("set-cookie")?.split(";")[0];
const q = async (path, input) => (await (await fetch(`${HUB}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { cookie } })).json());
const open = await q("cases.list", { scope: "all", open: true, limit: 200 });
const rows = open.result?.data?.rows ?? [];
console.log("open", open.result?.data?.total, rows.slice(0, 8).map((x) => [x.caseNumber, x.status, x.handlingSiteId, x.dueOn, x.colour ?? x.deadline?.colour, x.assigneeId]));
const colours = {};
for (const x of rows) { const c = JSON.stringify(x.deadline ?? x.colour); colours[c] = (colours[c] ?? 0) + 1; }
console.log(colours);
console.log(Object.keys(rows[0] ?? {}));
