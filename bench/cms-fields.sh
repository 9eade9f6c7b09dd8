#!/usr/bin/env bash
# What the CMS lookup fields cost (DESIGN.md "HTTP API", last bullet) on the real CMS 2017, 2018, 2019 .txt and
# October 2025 .xlsx: the gzipped statements blob, the statements in memory and the lookup cache's versions, with
# the fields and without (every administrative field stripped: the versions as they were before). In process,
# Release build; prints the figures. The files are read from ../shared/data/cms-hcpcs beside the repository.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet build "$root/bench/Benchmarks/Benchmarks.csproj" -c Release --nologo -v quiet >/dev/null
dotnet "$root/bench/Benchmarks/bin/Release/net10.0/Benchmarks.dll" cms-fields
