using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Versions;
using System.Text.Json;

namespace CodeUpdates.Tests.Versions;

/// <summary>
/// The incremental path against the full recompute: releases applied one at a time, in shuffled
/// order and with corrected files, keep exactly the versions <see cref="CodeTimeline.BuildAll"/>
/// derives from the final set of releases, when only the codes <see cref="ReleaseStatements.Apply"/>
/// names are recomputed.
/// </summary>
public sealed class ReleaseStatementsTests
{
    private static readonly string[] Pool = ["A0001", "A0002", "A0003", "A0004", "B1000", "B1001", "C2000", "C2001", "G9990", "J7000", "AA", "QK"];

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 150)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Applying_shuffled_and_corrected_releases_one_by_one_equals_the_full_recompute(int seed)
    {
        var random = new Random(seed);
        var system = seed % 3 == 0 ? CodeSystem.Cpt : CodeSystem.Hcpcs;
        var arrivals = Arrivals(random, system);

        var statements = new ReleaseStatements(system);
        var stored = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var loaded = new Dictionary<DateOnly, ReleaseSnapshot>();
        for (var step = 0; step < arrivals.Count; step++)
        {
            var release = arrivals[step];
            loaded[release.Identity.Effective] = release;

            // What the ingest does: apply, rewrite the rows of the codes named, save and load the statements again.
            foreach (var code in statements.Apply(release))
            {
                var versions = statements.Versions(code);
                if (versions.Count == 0)
                {
                    stored.Remove(code);
                }
                else
                {
                    stored[code] = versions.Select(Describe).ToArray();
                }
            }

            statements = RoundTrip(statements);

            var expected = CodeTimeline.BuildAll(loaded.Values.ToArray()).ToDictionary(v => v[0].Code, v => v.Select(Describe).ToArray());
            Assert.Equal(
                expected.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + ": " + string.Join(" / ", e.Value)),
                stored.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + ": " + string.Join(" / ", e.Value)));

            // The stored statements are the same whatever order the releases came in.
            var clean = new ReleaseStatements(system);
            foreach (var each in loaded.Values.OrderBy(r => r.Identity.Effective))
            {
                clean.Apply(each);
            }

            Assert.Equal(Json(clean), Json(statements));
        }
    }

    [Fact]
    public void A_code_every_release_states_alike_is_stored_as_one_run()
    {
        var statements = new ReleaseStatements(CodeSystem.Hcpcs);
        var releases = Enumerable.Range(0, 40)
            .Select(q => Release(CodeSystem.Hcpcs, new DateOnly(2019, 1, 1).AddMonths(3 * q), "sha" + q, [DescriptorKind.Long, DescriptorKind.Short],
                Code("A0001", "Invented ambulance service", "Invented amb", null, null, null), Code("A0002", "Invented wheelchair van", "Invented van", null, null, null)))
            .ToArray();
        foreach (var release in releases.Reverse())
        {
            statements.Apply(release);
        }

        var document = statements.ToDocument();
        Assert.Equal(40, document.Releases.Count);
        Assert.All(document.Codes, c => Assert.Equal(new[] { (0, 39) }, c.Runs.Select(r => (r.From, r.To))));
    }

    [Fact]
    public void A_quarterly_release_names_only_the_codes_it_changes_not_those_it_states_again()
    {
        var statements = new ReleaseStatements(CodeSystem.Hcpcs);
        string[] kinds = [DescriptorKind.Long, DescriptorKind.Short];
        var kept = Code("A0001", "Invented ambulance service", "Invented amb", new DateOnly(2001, 1, 1), null, null);
        var reworded = Code("A0002", "Invented wheelchair van", "Invented van", null, null, null);
        var ended = Code("A0003", "Invented stretcher van", "Invented str", null, null, null);
        statements.Apply(Release(CodeSystem.Hcpcs, new DateOnly(2024, 1, 1), "jan", kinds, kept, reworded, ended));

        var april = statements.Apply(Release(CodeSystem.Hcpcs, new DateOnly(2024, 4, 1), "apr", kinds,
            kept, reworded with { Descriptors = new Dictionary<string, string> { [DescriptorKind.Long] = "Invented wheelchair van, any distance", [DescriptorKind.Short] = "Invented van" } },
            Code("A0004", "Invented air ambulance", "Invented air", null, null, null)));

        Assert.Equal(["A0002", "A0003", "A0004"], april.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Holds_compares_the_other_releases_by_date_and_hash()
    {
        var statements = new ReleaseStatements(CodeSystem.Hcpcs);
        var jan = new DateOnly(2024, 1, 1);
        var apr = new DateOnly(2024, 4, 1);
        statements.Apply(Release(CodeSystem.Hcpcs, jan, "a", [DescriptorKind.Long], Code("A0001", "x", null, null, null, null)));
        statements.Apply(Release(CodeSystem.Hcpcs, apr, "b", [DescriptorKind.Long], Code("A0001", "x", null, null, null, null)));

        Assert.True(statements.Holds([(jan, "a")], apr));
        Assert.True(statements.Holds([(jan, "a"), (apr, "b")], new DateOnly(2024, 7, 1)));
        Assert.False(statements.Holds([(jan, "other")], apr));
        Assert.False(statements.Holds([(jan, "a")], new DateOnly(2024, 7, 1)));
        Assert.False(statements.Holds([(jan, "a"), (apr, "b"), (new DateOnly(2024, 7, 1), "c")], new DateOnly(2024, 10, 1)));
    }

    /// <summary>Releases on random quarters, each code present or not with random texts and dates, in a shuffled order, with corrected files arriving later.</summary>
    private static List<ReleaseSnapshot> Arrivals(Random random, CodeSystem system)
    {
        var quarters = Enumerable.Range(0, 16).OrderBy(_ => random.Next()).Take(random.Next(3, 8)).Order().ToArray();
        var releases = new List<ReleaseSnapshot>();
        foreach (var quarter in quarters)
        {
            releases.Add(RandomRelease(random, system, new DateOnly(2020, 1, 1).AddMonths(3 * quarter), "original", releases.LastOrDefault()));
        }

        var arrivals = releases.OrderBy(_ => random.Next()).ToList();
        for (var corrections = random.Next(1, 3); corrections > 0; corrections--)
        {
            var corrected = arrivals[random.Next(arrivals.Count)];
            var correction = random.Next(3) == 0
                ? RandomRelease(random, system, corrected.Identity.Effective, "correction")
                : Mutate(random, corrected);
            arrivals.Insert(random.Next(arrivals.IndexOf(corrected) + 1, arrivals.Count + 1), correction);
        }

        return arrivals;
    }

    /// <param name="previous">The release of the quarter before, if any: most codes state again what it stated, as real files do.</param>
    private static ReleaseSnapshot RandomRelease(Random random, CodeSystem system, DateOnly effective, string sha, ReleaseSnapshot? previous = null)
    {
        // CPT files may come without some descriptor kinds (a LONGULT-only file): texts of those kinds carry over.
        string[] kinds = system == CodeSystem.Cpt && random.Next(3) == 0 ? [DescriptorKind.Long] : [DescriptorKind.Long, DescriptorKind.Short];
        var codes = Pool
            .Where(_ => random.Next(10) < 7)
            .Select(code => previous?.Find(code) is { } stated && stated.Descriptors.Keys.All(kinds.Contains) && random.Next(10) < 6 ? stated : RandomCode(random, system, code, effective, kinds))
            .ToArray();
        return Release(system, effective, $"{sha}-{random.Next()}", kinds, codes);
    }

    /// <summary>A few CMS fields, some of which change without the text, and one a lookup does not carry (CIM1).</summary>
    private static Dictionary<string, string> RandomCmsFields(Random random)
    {
        var fields = new Dictionary<string, string> { ["CIM1"] = "60-" + random.Next(3) };
        if (random.Next(4) > 0)
        {
            fields["COV"] = random.Next(3) == 0 ? "D" : "C";
        }

        if (random.Next(3) == 0)
        {
            fields["BETOS"] = "D1E";
        }

        return fields;
    }

    private static CodeRecord RandomCode(Random random, CodeSystem system, string code, DateOnly effective, IReadOnlyList<string> kinds)
    {
        string[] texts = ["Invented service", "Invented  service", "Invented service, revised", "Invented service, any kind"];
        DateOnly? Near(int chance) => random.Next(10) < chance ? effective.AddMonths(random.Next(-9, 4)) : null;
        return Code(
            code,
            texts[random.Next(texts.Length)],
            kinds.Contains(DescriptorKind.Short) ? texts[random.Next(2)][..8] : null,
            Near(5),
            Near(6),
            Near(3)) with
        {
            CrossReferences = random.Next(5) == 0 ? ["A0009"] : [],
            Administrative = system == CodeSystem.Cpt ? new Dictionary<string, string>() : RandomCmsFields(random),
        };
    }

    /// <summary>A corrected file: most codes as before, a few changed, dropped or added.</summary>
    private static ReleaseSnapshot Mutate(Random random, ReleaseSnapshot release)
    {
        var codes = new List<CodeRecord>();
        foreach (var code in Pool)
        {
            var held = release.Find(code);
            var roll = random.Next(10);
            codes.AddRange(
                roll < 6 ? (held is null ? [] : [held])
                : roll < 8 ? [RandomCode(random, release.Identity.System, code, release.Identity.Effective, release.DescriptorKinds)]
                : []);
        }

        return Release(release.Identity.System, release.Identity.Effective, $"mutated-{random.Next()}", release.DescriptorKinds, codes.ToArray());
    }

    private static ReleaseStatements RoundTrip(ReleaseStatements statements) =>
        ReleaseStatements.FromDocument(JsonSerializer.Deserialize<ReleaseStatementsDocument>(Json(statements), ReleaseStatementsStore.Json)!);

    private static string Json(ReleaseStatements statements) => JsonSerializer.Serialize(statements.ToDocument(), ReleaseStatementsStore.Json);

    private static string Describe(CodeVersion v) =>
        $"{v.Kind} {v.Start} {v.End} {v.Release} {v.ValidFrom} {v.ValidTo} {v.TerminationDate} [{string.Join(",", v.ReplacedBy)}] " +
        string.Join("|", v.Descriptors.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key + "=" + d.Value)) +
        " fields " + string.Join(" / ", v.FieldPeriods.Select(p => $"{p.Start}: {string.Join(",", p.Fields.Select(f => f.Key + "=" + f.Value))}"));

    private static CodeRecord Code(string code, string text, string? shortText, DateOnly? add, DateOnly? actionEffective, DateOnly? term)
    {
        var descriptors = new Dictionary<string, string> { [DescriptorKind.Long] = text };
        if (shortText is not null)
        {
            descriptors[DescriptorKind.Short] = shortText;
        }

        return new CodeRecord(code, CodeRecord.KindOf(code), descriptors, add, actionEffective, term);
    }

    private static ReleaseSnapshot Release(CodeSystem system, DateOnly effective, string sha, IReadOnlyList<string> kinds, params CodeRecord[] codes) =>
        new(new ReleaseIdentity(system, effective, $"{system.Name()}-{effective:yyyy-MM-dd}", sha), kinds, codes);
}
