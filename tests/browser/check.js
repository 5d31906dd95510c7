// check.js - the HTML edition in a real browser: Debian's chromium
// driven by puppeteer-core (no browser download), axe-core's WCAG 2.0,
// 2.1 and 2.2 A and AA rules, reflow at 320 CSS px, and no request
// leaving the page's folder. Screenshots at 320 and 1280 px go to SHOTS.
//
//   node check.js SHOTS [alone:]PAGE.html...
//
// ("alone:" before a page: it has no data files beside it, a page made
// by a unit test)
// Prints one TAP line a check ("ok - ..." / "not ok - ..."); for each
// page also writes PAGE.blocks.txt beside the screenshots: the visible
// text of each block of <main>, one a line, for the number check
// (tests/e2e/t80-html.sh). Exit status 1 when any check failed.
'use strict';

const fs = require('fs');
const path = require('path');
const os = require('os');
const puppeteer = require('puppeteer-core');

const CHROMIUM = process.env.EIMON_CHROMIUM || '/usr/bin/chromium';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a',
	      'wcag22aa'];
let fails = 0;

function ok(what) { console.log('ok - ' + what); }
function notok(what, detail) {
	console.log('not ok - ' + what);
	if (detail)
		for (const l of String(detail).split('\n'))
			console.log('    ' + l);
	fails++;
}
function check(cond, what, detail) { if (cond) ok(what); else notok(what, detail); }

async function main() {
	const [shots, ...pages] = process.argv.slice(2);
	if (!shots || pages.length === 0) {
		console.error('usage: node check.js SHOTS PAGE.html...');
		process.exit(64);
	}
	fs.mkdirSync(shots, { recursive: true });
	const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'),
					  'utf8');
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'eimon-chromium-'));
	const browser = await puppeteer.launch({
		executablePath: CHROMIUM,
		headless: true,
		userDataDir: profile,
		args: ['--headless', '--no-sandbox', '--disable-gpu',
		       '--disable-quic', '--no-first-run',
		       '--disable-background-networking',
		       '--disable-component-update', '--disable-sync',
		       '--disable-dev-shm-usage', '--font-render-hinting=none'],
	});
	try {
		for (const arg of pages) {
			const alone = arg.startsWith('alone:');
			await checkPage(browser, axeSource, shots,
					path.resolve(alone ? arg.slice(6) : arg), alone);
		}
	} finally {
		await browser.close();
		fs.rmSync(profile, { recursive: true, force: true });
	}
}

// One picture of the first of each kind of part, to look at.
async function shootParts(page, shots, stem) {
	const parts = { chart: 'main figure', table: 'main .wrap > .scroll',
			note: 'main article', nav: 'main nav' };
	for (const [what, sel] of Object.entries(parts)) {
		const el = await page.$(sel);
		if (el)
			await el.screenshot({ path: path.join(shots,
				`${stem}-${what}.png`) });
	}
}

async function checkPage(browser, axeSource, shots, file, alone) {
	const name = path.basename(file, '.html');
	const dir = path.dirname(file);
	const page = await browser.newPage();
	const outside = [];

	// Only the page itself may be loaded: anything else (a web font, an
	// image, a script, even another local file) is a failure.
	await page.setRequestInterception(true);
	page.on('request', (req) => {
		const url = req.url();
		if (url === 'file://' + file || url.startsWith('data:')) {
			req.continue();
		} else {
			outside.push(url);
			req.abort();
		}
	});
	await page.setJavaScriptEnabled(true); // for axe; the page has none
	await page.setViewport({ width: 1280, height: 900 });
	await page.goto('file://' + file, { waitUntil: 'load' });
	check(outside.length === 0, `${name}: no request leaves the page`,
	      outside.join('\n'));
	const scripts = await page.$$eval('script', (s) => s.length);
	check(scripts === 0, `${name}: the page has no script`);

	await page.addScriptTag({ content: axeSource });
	const res = await page.evaluate(async (tags) => {
		// eslint-disable-next-line no-undef
		const r = await axe.run(document, {
			runOnly: { type: 'tag', values: tags },
			resultTypes: ['violations'],
		});
		return r.violations.map((v) => ({
			id: v.id, help: v.help,
			nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') +
				': ' + n.failureSummary.replace(/\s+/g, ' ')),
		}));
	}, TAGS);
	check(res.length === 0,
	      `${name}: axe-core finds no WCAG 2.x A/AA violation`,
	      res.map((v) => `${v.id}: ${v.help}\n  ${v.nodes.join('\n  ')}`)
		      .join('\n'));

	const outline = await page.evaluate(() => {
		const hs = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')];
		let prev = 0, skips = [];
		for (const h of hs) {
			const l = +h.tagName[1];
			if (prev && l > prev + 1)
				skips.push(`${h.tagName} after H${prev}: ${h.textContent}`);
			prev = l;
		}
		return { h1: document.querySelectorAll('h1').length, skips,
			 lang: document.documentElement.lang,
			 main: document.querySelectorAll('main').length,
			 nav: document.querySelectorAll('nav').length,
			 skip: !!document.querySelector('a[href="#main"]') };
	});
	check(outline.h1 === 1, `${name}: one h1`);
	check(outline.skips.length === 0, `${name}: headings skip no level`,
	      outline.skips.join('\n'));
	check(outline.lang === 'en-GB', `${name}: lang is en-GB`);
	check(outline.main === 1 && outline.skip,
	      `${name}: a main landmark and a skip link to it`);

	const figs = await page.evaluate(() => [...document.querySelectorAll(
		'main figure')].map((f) => ({
		caption: !!f.querySelector('figcaption'),
		svg: !!f.querySelector('svg[role="img"][aria-labelledby]' +
				       '[aria-describedby]'),
		svgText: f.querySelectorAll('svg text').length,
		table: !!f.querySelector('details table th[scope]'),
		csv: (f.querySelector('a[href$=".csv"]') || {}).href || '',
	})));
	check(figs.length > 0 && figs.every((f) => f.caption && f.svg &&
		f.svgText > 0 && f.table && f.csv),
	      `${name}: every chart (${figs.length}) is an SVG with text, ` +
	      'caption, description, data table and CSV link');
	for (const f of figs) {
		const csv = decodeURIComponent(new URL(f.csv).pathname);
		if (!alone && !fs.existsSync(csv))
			notok(`${name}: ${path.basename(csv)} is published beside the page`);
	}

	// The focus is visible: the skip link, when focused, is on screen
	// with an outline.
	await page.keyboard.press('Tab');
	const focus = await page.evaluate(() => {
		const a = document.activeElement, s = getComputedStyle(a),
			r = a.getBoundingClientRect();
		return { href: a.getAttribute('href'), outline: s.outlineStyle,
			 left: r.left };
	});
	check(focus.href === '#main' && focus.outline !== 'none' &&
	      focus.left >= 0, `${name}: the first Tab shows the skip link, ` +
	      'outlined');

	await page.screenshot({ path: path.join(shots, `${name}-1280.png`),
				fullPage: false });
	await shootParts(page, shots, `${name}-1280`);
	await page.setViewport({ width: 320, height: 640 });
	await page.evaluate(() => { document.activeElement.blur();
				    window.scrollTo(0, 0); });
	const wide = await page.evaluate(() => {
		const over = [];
		const w = document.documentElement.clientWidth;
		if (document.documentElement.scrollWidth > w) {
			over.push('page is ' + document.documentElement.scrollWidth +
				  'px wide');
			for (const el of document.querySelectorAll('body *')) {
				const r = el.getBoundingClientRect();
				if (r.right > w + 1 && !el.closest('.scroll') &&
				    !el.closest('svg') && over.length < 6)
					over.push('wide: ' + el.tagName + '.' +
						  el.className + ' ' + el.outerHTML.slice(0, 80));
			}
		}
		// text outside the viewport that is not inside a scrolling
		// table region (WCAG 1.4.10 allows those)
		for (const el of document.querySelectorAll('p,li,h1,h2,h3,h4,' +
				'figcaption,summary,a')) {
			if (el.closest('.scroll'))
				continue;
			const r = el.getBoundingClientRect();
			if (r.width && r.right > w + 1)
				over.push(el.tagName + ': ' +
					  el.textContent.slice(0, 60));
		}
		return over;
	});
	check(wide.length === 0, `${name}: at 320 px no text needs ` +
	      'horizontal scrolling', wide.slice(0, 10).join('\n'));
	await page.screenshot({ path: path.join(shots, `${name}-320.png`),
				fullPage: false });
	await page.screenshot({ path: path.join(shots, `${name}-320-full.png`),
				fullPage: true });
	await shootParts(page, shots, `${name}-320`);

	const blocks = await page.evaluate(() => [...document.querySelectorAll(
		'header p:not(.alt), header h1, main > .wrap > *')].map((el) => {
		const c = el.cloneNode(true);
		for (const x of c.querySelectorAll('.vh, details, svg'))
			x.remove();
		for (const x of c.querySelectorAll('th, td, li, p, caption, a, h2, h3, h4, h5, h6, figcaption'))
			x.append(' ');
		return c.textContent.replace(/\s+/g, ' ').trim();
	}).filter((t) => t.length));
	fs.writeFileSync(path.join(shots, `${name}.blocks.txt`),
			 blocks.join('\n') + '\n');
	await page.close();
}

main().then(() => process.exit(fails ? 1 : 0), (e) => {
	console.log('not ok - the browser checks ran: ' + e.message);
	process.exit(1);
});
