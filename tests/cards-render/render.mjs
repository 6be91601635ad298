#!/usr/bin/env node
// Adaptive Cards render check: parses, validates and renders every *.json card in a
// folder with the official `adaptivecards` renderer inside headless Chromium.
//
// Usage: node render.mjs <dir-with-*.json> [--screenshots <outdir>]
// Output: one JSON line per card on stdout; summary on stderr.
// Exit:   0 = all cards ok, 1 = at least one card failed, 2 = usage / setup error.

import { chromium } from "playwright-core";
import { mkdtemp, mkdir, readdir, readFile, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MAX_VERSION = "1.5"; // Teams supports schema 1.5 at most.
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync"
];

function usage(msg) {
    if (msg) process.stderr.write(`error: ${msg}\n`);
    process.stderr.write("usage: node render.mjs <dir-with-*.json> [--screenshots <outdir>]\n");
    process.exit(2);
}

function parseArgs(argv) {
    let dir;
    let shots;
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--screenshots") {
            shots = argv[++i];
            if (!shots) usage("--screenshots needs a directory");
        } else if (a === "-h" || a === "--help") {
            usage();
        } else if (a.startsWith("-")) {
            usage(`unknown option ${a}`);
        } else if (dir === undefined) {
            dir = a;
        } else {
            usage(`unexpected argument ${a}`);
        }
    }
    if (!dir) usage();
    return { dir: path.resolve(dir), shots: shots && path.resolve(shots) };
}

async function main() {
    const started = Date.now();
    const { dir, shots } = parseArgs(process.argv.slice(2));

    let files;
    try {
        files = (await readdir(dir)).filter((f) => f.toLowerCase().endsWith(".json")).sort();
    } catch (e) {
        usage(`cannot read directory ${dir}: ${e.message}`);
    }
    if (files.length === 0) usage(`no *.json files in ${dir}`);
    if (!existsSync(CHROMIUM)) usage(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
    if (shots) await mkdir(shots, { recursive: true });

    const hostConfig = JSON.parse(await readFile(path.join(HERE, "host-config.json"), "utf8"));
    const harnessUrl = pathToFileURL(path.join(HERE, "harness.html")).href;

    const userDataDir = await mkdtemp(path.join(tmpdir(), "cards-render-"));
    let context;
    let failed = 0;
    try {
        context = await chromium.launchPersistentContext(userDataDir, {
            executablePath: CHROMIUM,
            headless: true,
            args: LAUNCH_ARGS,
            viewport: { width: 540, height: 800 },
            deviceScaleFactor: 1,
            offline: false
        });

        for (const file of files) {
            const result = await checkCard(context, harnessUrl, hostConfig, path.join(dir, file), shots);
            if (!result.ok) failed++;
            process.stdout.write(JSON.stringify(result) + "\n");
        }
    } finally {
        if (context) await context.close().catch(() => {});
        await rm(userDataDir, { recursive: true, force: true }).catch(() => {});
    }

    const secs = ((Date.now() - started) / 1000).toFixed(1);
    process.stderr.write(`${files.length - failed} passed, ${failed} failed\n`);
    process.stderr.write(`(${files.length} card(s) in ${secs}s)\n`);
    process.exitCode = failed === 0 ? 0 : 1;
}

async function checkCard(context, harnessUrl, hostConfig, file, shots) {
    const name = path.basename(file);
    const issues = [];
    let json;
    try {
        json = JSON.parse(await readFile(file, "utf8"));
    } catch (e) {
        return { file: name, ok: false, issues: [err("json", "InvalidJson", e.message)], height: 0 };
    }

    // A fresh page per card so that no state leaks between cards.
    const page = await context.newPage();
    try {
        // Hermetic: only file: and data: URLs may load; anything else is blocked and noted.
        await page.route(/^(?!file:|data:)/, (route) => {
            issues.push({
                severity: "warning",
                phase: "network",
                code: "NetworkBlocked",
                message: `Blocked network request: ${route.request().url().slice(0, 200)}`
            });
            return route.abort();
        });
        page.on("pageerror", (e) => issues.push(err("render", "PageError", String(e && e.message))));
        page.on("console", (m) => {
            if (m.type() !== "error") return;
            // Resource load failures (e.g. a remote image we blocked) are already reported
            // as warnings (NetworkBlocked / ImageNotLoaded); don't fail the card for them.
            if (/^Failed to load resource/.test(m.text())) {
                issues.push({ severity: "warning", phase: "render", code: "ResourceLoadFailed", message: m.text() });
            } else {
                issues.push(err("render", "ConsoleError", m.text()));
            }
        });

        await page.goto(harnessUrl, { waitUntil: "load" });
        const ok = await page.evaluate(() => typeof window.renderCard === "function" && !!window.AdaptiveCards);
        if (!ok) throw new Error("harness failed to load adaptivecards bundle (did you run `npm ci`?)");

        const res = await page.evaluate(
            ([card, hc, mv]) => window.renderCard(card, hc, mv),
            [json, hostConfig, MAX_VERSION]
        );
        issues.unshift(...res.issues);

        const out = { file: name, ok: false, issues, height: res.height };
        if (shots) {
            const shotPath = path.join(shots, name.replace(/\.json$/i, ".png"));
            const host = page.locator("#host");
            if (res.height > 0) await host.screenshot({ path: shotPath });
            else await page.screenshot({ path: shotPath, fullPage: true });
            out.screenshot = shotPath;
        }
        out.ok = !issues.some((i) => i.severity === "error");
        return out;
    } catch (e) {
        issues.push(err("render", "HarnessError", String((e && e.message) || e)));
        return { file: name, ok: false, issues, height: 0 };
    } finally {
        await page.close().catch(() => {});
    }
}

function err(phase, code, message) {
    return { severity: "error", phase, code, message };
}

main().catch((e) => {
    process.stderr.write(`fatal: ${(e && e.stack) || e}\n`);
    process.exit(2);
});
