/* In-page part of the Adaptive Cards render check (loaded by harness.html).
 * Exposes window.renderCard(json, hostConfigJson, maxVersion) -> Promise<result>.
 * Uses only the official renderer bundle (window.AdaptiveCards). */
(function () {
    "use strict";
    const AC = window.AdaptiveCards;

    // Page-level errors that happen outside our try/catch (e.g. in event handlers).
    const pageErrors = [];
    window.addEventListener("error", (e) => pageErrors.push(String(e.message || e)));
    window.addEventListener("unhandledrejection", (e) => pageErrors.push(String(e.reason)));

    function eventName(code) {
        return AC.ValidationEvent[code] !== undefined ? AC.ValidationEvent[code] : String(code);
    }

    // Only pure hints are tolerated; every other parse/validation event is a failure.
    function severityOf(code) {
        return code === AC.ValidationEvent.Hint ? "warning" : "error";
    }

    function sourceLabel(src) {
        if (!src) return undefined;
        try {
            const type = typeof src.getJsonTypeName === "function" ? src.getJsonTypeName() : undefined;
            const id = src.id;
            return id ? `${type}#${id}` : type;
        } catch (e) {
            return undefined;
        }
    }

    function parseVersion(v) {
        if (typeof v !== "string") return undefined;
        const m = /^(\d+)\.(\d+)$/.exec(v.trim());
        return m ? { major: +m[1], minor: +m[2] } : undefined;
    }

    // ---- Expected visible text, collected from the raw JSON --------------------------

    const CONTAINERS_WITH_ITEMS = new Set(["Container", "Column", "TableCell"]);

    /** Split a string on {{DATE(..)}} / {{TIME(..)}} functions (the renderer reformats
     *  them) and return the literal parts only. */
    function literalParts(text) {
        return String(text)
            .split(/\{\{(?:DATE|TIME)\([^}]*\)\}\}/)
            .map((s) => s.replace(/\s+/g, " ").trim())
            .filter((s) => s.length > 0);
    }

    function collectTexts(card, hostConfig) {
        const out = [];
        const add = (t, where) => {
            if (typeof t === "string") for (const p of literalParts(t)) out.push({ text: p, where });
        };
        const maxActions = (hostConfig.actions && hostConfig.actions.maxActions) || 5;

        function actions(list, where) {
            if (!Array.isArray(list)) return;
            let shown = 0;
            for (const a of list) {
                if (!a || typeof a !== "object" || a.isVisible === false) continue;
                if (a.mode === "secondary") continue; // goes to the "..." overflow menu
                if (shown++ >= maxActions) break;
                add(a.title, `${where}/${a.type}`);
                // Action.ShowCard content is collapsed initially: not expected visible.
            }
        }

        function elements(list, where) {
            if (!Array.isArray(list)) return;
            for (const el of list) element(el, where);
        }

        function element(el, where) {
            if (!el || typeof el !== "object" || el.isVisible === false) return;
            const w = `${where}/${el.type}${el.id ? "#" + el.id : ""}`;
            switch (el.type) {
                case "TextBlock":
                    add(el.text, w);
                    break;
                case "RichTextBlock":
                    for (const inl of el.inlines || []) {
                        if (typeof inl === "string") add(inl, w);
                        else if (inl && inl.type === "TextRun") add(inl.text, w);
                    }
                    break;
                case "FactSet":
                    for (const f of el.facts || []) {
                        add(f && f.title, w);
                        add(f && f.value, w);
                    }
                    break;
                case "ColumnSet":
                    for (const c of el.columns || []) element(Object.assign({ type: "Column" }, c), w);
                    break;
                case "Table":
                    for (const r of el.rows || [])
                        for (const c of (r && r.cells) || []) element(Object.assign({ type: "TableCell" }, c), w);
                    break;
                case "ActionSet":
                    actions(el.actions, w);
                    break;
                case "Input.Toggle":
                    add(el.label, w);
                    add(el.title, w);
                    break;
                case "Input.ChoiceSet":
                    add(el.label, w);
                    if (el.style === "expanded" || el.isMultiSelect)
                        for (const ch of el.choices || []) add(ch && ch.title, w);
                    break;
                case "Input.Text":
                case "Input.Number":
                case "Input.Date":
                case "Input.Time":
                    add(el.label, w);
                    break;
                default:
                    if (CONTAINERS_WITH_ITEMS.has(el.type)) elements(el.items, w);
            }
        }

        elements(card.body, "body");
        actions(card.actions, "actions");
        return out;
    }

    function normalize(s) {
        return String(s || "").replace(/\s+/g, " ").trim();
    }

    async function waitForImages(root, timeoutMs) {
        const imgs = Array.from(root.querySelectorAll("img"));
        const one = (img) =>
            img.complete
                ? Promise.resolve()
                : new Promise((res) => {
                      img.addEventListener("load", res, { once: true });
                      img.addEventListener("error", res, { once: true });
                  });
        await Promise.race([
            Promise.all(imgs.map(one)),
            new Promise((res) => setTimeout(res, timeoutMs))
        ]);
        return imgs;
    }

    // ---- Main entry ----------------------------------------------------------------

    window.renderCard = async function renderCard(json, hostConfigJson, maxVersionString) {
        const issues = [];
        const issue = (severity, phase, code, message, source) => {
            const i = { severity, phase, code, message };
            if (source) i.source = source;
            issues.push(i);
        };
        pageErrors.length = 0;

        const host = document.getElementById("host");
        host.innerHTML = "";

        const maxVersion = AC.Version.parse(maxVersionString, new AC.SerializationContext());

        if (!json || typeof json !== "object" || Array.isArray(json)) {
            issue("error", "json", "NotAnObject", "Card JSON root must be an object");
            return { issues, height: 0 };
        }

        // Explicit version gate (the 3.0.x renderer itself knows 1.6, so we cap it).
        const v = parseVersion(json.version);
        if (!v) {
            issue("error", "version", "InvalidCardVersion", `Missing or malformed "version": ${JSON.stringify(json.version)}`);
        } else if (v.major > maxVersion.major || (v.major === maxVersion.major && v.minor > maxVersion.minor)) {
            issue("error", "version", "UnsupportedCardVersion",
                `Card version ${json.version} is higher than the maximum supported ${maxVersionString}`);
        }

        const hostConfig = new AC.HostConfig(hostConfigJson);
        const card = new AC.AdaptiveCard();
        card.hostConfig = hostConfig;
        card.maxVersion = maxVersion;

        // 1. Parse, with a context that targets the host's max version so that element
        //    types / enum values newer than that are reported, not silently accepted.
        const context = new AC.SerializationContext(maxVersion);
        try {
            card.parse(json, context);
        } catch (e) {
            issue("error", "parse", "Exception", String((e && e.stack) || e));
        }
        for (let i = 0; i < context.eventCount; i++) {
            const ev = context.getEventAt(i);
            issue(severityOf(ev.event), "parse", eventName(ev.event), ev.message, sourceLabel(ev.source));
        }

        // 2. Semantic validation.
        try {
            const results = card.validateProperties();
            for (const ev of results.validationEvents) {
                // Avoid reporting the version problem twice.
                if (ev.event === AC.ValidationEvent.UnsupportedCardVersion &&
                    issues.some((x) => x.code === "UnsupportedCardVersion")) continue;
                issue(severityOf(ev.event), "validation", eventName(ev.event), ev.message, sourceLabel(ev.source));
            }
        } catch (e) {
            issue("error", "validation", "Exception", String((e && e.stack) || e));
        }

        // 3. Render.
        let rendered;
        try {
            rendered = card.render();
        } catch (e) {
            issue("error", "render", "Exception", String((e && e.stack) || e));
        }
        let height = 0;
        if (!rendered) {
            if (!issues.some((x) => x.phase === "render"))
                issue("error", "render", "NothingRendered", "card.render() returned no element");
        } else {
            host.appendChild(rendered);
            try {
                card.updateLayout();
            } catch (e) {
                issue("error", "render", "Exception", "updateLayout: " + String((e && e.stack) || e));
            }
            const imgs = await waitForImages(rendered, 5000);
            for (const img of imgs) {
                if (!img.complete || img.naturalWidth === 0) {
                    issue("warning", "render", "ImageNotLoaded",
                        `Image did not load (no network in this check): ${String(img.src).slice(0, 120)}`);
                }
            }
            await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
            height = Math.round(rendered.getBoundingClientRect().height);
            if (!(height > 0)) issue("error", "render", "ZeroHeight", "Rendered card has zero height");

            // 4. Visible text check.
            const visible = normalize(rendered.innerText);
            const all = normalize(rendered.textContent);
            if (!card.shouldFallback()) {
                for (const t of collectTexts(json, hostConfigJson)) {
                    if (visible.includes(t.text)) continue;
                    const msg = all.includes(t.text)
                        ? `Text is in the DOM but not visible: ${JSON.stringify(t.text)} (${t.where})`
                        : `Expected visible text not rendered: ${JSON.stringify(t.text)} (${t.where})`;
                    issue("error", "text", "TextNotVisible", msg);
                }
            }
        }
        for (const e of pageErrors) issue("error", "render", "PageError", e);

        return { issues, height };
    };

    window.rendererInfo = function () {
        return {
            latestVersion: AC.Versions.latest.toString(),
            elements: Array.from({ length: AC.GlobalRegistry.elements.getItemCount() }, (_, i) =>
                AC.GlobalRegistry.elements.getItemAt(i).typeName),
            actions: Array.from({ length: AC.GlobalRegistry.actions.getItemCount() }, (_, i) =>
                AC.GlobalRegistry.actions.getItemAt(i).typeName)
        };
    };
})();
