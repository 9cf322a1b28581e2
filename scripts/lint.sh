#!/usr/bin/env bash
# swift-format's rules over the package's Swift sources, with the repository's .swift-format.
# Fails on any rule finding (ordered imports, shorthand type names, no force-unwrapped
# implicitly-unwrapped optionals, triple-slash doc comments, …) and on any file swift-format
# cannot parse. The pretty printer's layout findings (indentation, line breaks, line length,
# spacing) are counted, not failed: the code base keeps its own layout (4 spaces, one-line
# statements joined by `;` where they read as one step), which swift-format cannot express;
# rules switched off in .swift-format and why:
#   DoNotUseSemicolons, OneVariableDeclarationPerLine, OneCasePerLine,
#   UseLetInEveryBoundCaseVariable — that compact layout;
#   AlwaysUseLowerCamelCase — ROADEF keeps the challenge's notation (R resources, L, N);
#   GroupNumericLiterals — dates (20110303) and published constants are written as published.
# Usage: scripts/lint.sh   (make lint)
set -euo pipefail
cd "$(dirname "$0")/.."
output=$(swift format lint --configuration .swift-format --recursive Sources Tests Benchmarks Fuzz 2>&1) || true
layout='warning: \[(Indentation|AddLines|RemoveLine|LineLength|Spacing|TrailingComma|TrailingWhitespace)\]'
findings=$(grep -E 'warning: \[|error:' <<<"$output" | grep -Ev "$layout" || true)
layout_count=$(grep -cE "$layout" <<<"$output" || true)
if [ -n "$findings" ]; then
    echo "$findings"
    echo "lint: $(wc -l <<<"$findings") finding(s) of swift-format's rules (see .swift-format)" >&2
    exit 1
fi
echo "lint: no rule findings (${layout_count} layout findings of the pretty printer, not enforced)"
