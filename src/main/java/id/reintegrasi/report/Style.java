package id.reintegrasi.report;

/** The report's stylesheet: system fonts only (nothing fetched), calm colours, and an A4 print layout. */
final class Style {
  private Style() {}

  static final String CSS = """
      :root { --ink: #1d232b; --muted: #5b6470; --line: #d8dde3; --accent: #1f5fa8; --good: #2e7d32; --bad: #c62828;
        --unsure: #8a8a8a; --paper: #ffffff; }
      * { box-sizing: border-box; }
      html { background: #eef1f4; }
      body { margin: 0; color: var(--ink); font: 16px/1.55 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
      main { max-width: 980px; margin: 0 auto; padding: 32px 40px 48px; background: var(--paper); }
      header { border-bottom: 3px solid var(--accent); padding-bottom: 18px; margin-bottom: 20px; }
      .kicker { margin: 0; color: var(--accent); font-weight: bold; letter-spacing: .04em; text-transform: uppercase; font-size: 13px; }
      h1 { font-size: 29px; line-height: 1.25; margin: 6px 0 12px; }
      h2 { font-size: 23px; margin: 38px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
      h2.small { font-size: 17px; border: 0; margin: 18px 0 4px; }
      h3 { font-size: 18px; margin: 26px 0 8px; }
      h4 { font-size: 16px; margin: 0 0 6px; }
      .facts { display: flex; flex-wrap: wrap; gap: 8px 26px; margin: 0 0 12px; color: var(--muted); }
      .facts b { color: var(--ink); }
      .intro { font-size: 17px; margin: 0; }
      .mous { margin: 4px 0 0; padding-left: 20px; }
      .mous li { margin: 3px 0; }
      .muted { color: var(--muted); }
      .toc { background: #f4f6f9; border: 1px solid var(--line); border-radius: 6px; padding: 10px 16px; font-size: 15px; }
      .toc ol { margin: 4px 0 0; padding-left: 22px; columns: 2; column-gap: 32px; }
      .toc a { color: var(--accent); text-decoration: none; }
      .cards { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
      .card { border: 1px solid var(--line); border-left: 6px solid var(--unsure); border-radius: 6px; padding: 12px 14px;
        break-inside: avoid; page-break-inside: avoid; }
      .card.verdict-reduced { border-left-color: var(--good); }
      .card.verdict-increased { border-left-color: var(--bad); }
      .card.verdict-no-significant-difference { border-left-color: var(--accent); }
      .phase { display: inline-block; font-weight: normal; font-size: 12.5px; color: var(--muted); background: #eef1f4;
        border-radius: 10px; padding: 0 8px; margin-left: 4px; }
      .badge { display: inline-block; margin: 0 0 8px; padding: 2px 10px; border-radius: 12px; font-weight: bold; font-size: 14px;
        color: #fff; background: var(--unsure); }
      .verdict-reduced .badge { background: var(--good); }
      .verdict-increased .badge { background: var(--bad); }
      .verdict-no-significant-difference .badge { background: var(--accent); }
      .verdict-none .badge { background: #b0b6bd; }
      .statement { margin: 0 0 10px; }
      .card dl { margin: 0; font-size: 14px; display: grid; grid-template-columns: 1fr; gap: 2px; }
      .card dl div { display: flex; justify-content: space-between; gap: 12px; border-top: 1px dotted var(--line); padding-top: 2px; }
      .card dt { color: var(--muted); }
      .card dd { margin: 0; text-align: right; font-weight: bold; }
      .suppressed { font-style: italic; font-weight: normal; color: #444; padding: 0 5px; border-radius: 3px;
        background: repeating-linear-gradient(45deg, #f1f1f1 0 4px, #dadada 4px 6px);
        -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      figure { margin: 12px 0 22px; break-inside: avoid; page-break-inside: avoid; }
      figcaption { color: var(--muted); font-size: 14px; margin-top: 4px; }
      svg.chart { display: block; width: 100%; height: auto; max-width: 100%; }
      .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; break-inside: avoid; page-break-inside: avoid; }
      table { border-collapse: collapse; width: 100%; font-size: 14px; margin: 8px 0 14px; }
      th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
      th { background: #f4f6f9; font-weight: bold; }
      td.num, th.num { text-align: right; white-space: nowrap; }
      tr.group th { background: #e6edf6; color: var(--accent); font-size: 14px; }
      tr { break-inside: avoid; page-break-inside: avoid; }
      .glossary div { margin: 0 0 10px; }
      .glossary dt { font-weight: bold; }
      .glossary dd { margin: 0 0 0 18px; }
      footer { margin-top: 36px; border-top: 1px solid var(--line); color: var(--muted); font-size: 13px; }
      @media (max-width: 720px) { main { padding: 18px; } .cards, .pair { grid-template-columns: 1fr; } .toc ol { columns: 1; } }
      @page { size: A4; margin: 14mm 13mm 16mm; }
      @media print {
        html, main { background: #fff; }
        body { font-size: 10.5pt; }
        main { max-width: none; padding: 0; }
        h1 { font-size: 20pt; }
        h2 { font-size: 15pt; break-after: avoid; page-break-after: avoid; }
        h3, h4 { break-after: avoid; page-break-after: avoid; }
        .toc { display: none; }
        .card, .badge, .phase, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        section#forest, section#survival, section#cohorts, section#dose { break-before: page; page-break-before: always; }
        a { color: inherit; text-decoration: none; }
      }
      """;
}
