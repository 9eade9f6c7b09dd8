using System.IO.Compression;
using CodeUpdates.Ingestion.ReleaseFiles.Cpt;
using CodeUpdates.Ingestion.ReleaseFiles.Hcpcs;
using CodeUpdates.Ingestion.ReleaseFiles.Tabular;

namespace CodeUpdates.Ingestion.ReleaseFiles;

/// <summary>
/// Turns a dropped file (a single data file or a zip as downloaded from CMS or the AMA) into a
/// <see cref="ReleaseSnapshot"/>: expands zips, decides the code system, reads the codes and
/// resolves the release identity. Everything a person must fix is an <see cref="InvalidReleaseException"/>.
/// </summary>
public static class ReleaseReader
{
    /// <summary>Largest file accepted. A full CMS year is about 4 MB as text; an AMA zip about 30 MB.</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    /// <summary>Largest data file inside a zip once decompressed. A CMS year's .txt is about 4 MB, its workbook 3 MB.</summary>
    public const long MaxMemberBytes = 64L * 1024 * 1024;

    /// <summary>Largest total of a zip's data files once decompressed (documents are not decompressed).</summary>
    public const long MaxExpandedBytes = 128L * 1024 * 1024;

    // Documents in CMS and AMA zips: listed by name, never decompressed.
    private static readonly HashSet<string> DocumentExtensions = [".pdf", ".doc", ".docx", ".rtf", ".htm", ".html", ".jpg", ".png", ".exe"];

    public static ReleaseSnapshot Read(ReleaseFile file, CodeSystem? system = null, DateOnly? effective = null)
    {
        var source = file.Name;
        if (file.Content.Length == 0)
        {
            throw new InvalidReleaseException(source, "the file is empty; upload the release file again");
        }

        if (TooLarge(source, file.Content.LongLength) is { } tooLarge)
        {
            throw tooLarge;
        }

        var members = Expand(file);
        try
        {
            return Read(file, members, system, effective);
        }
        catch (InvalidReleaseException ex) when (members.FirstOrDefault(m => IsNestedZip(m.Name) && m.Name != file.Name) is { } nested)
        {
            throw new InvalidReleaseException(source, $"{nested.Name} is a zip inside the zip, which is not read; extract it and drop the file inside it (without it: {ex.Problem})");
        }
        catch (InvalidReleaseException ex) when (members.Count > 1 || members[0].Name != file.Name)
        {
            // A member's problem names the member; the person who dropped the zip looks for the zip.
            throw ex.Source.StartsWith(source, StringComparison.Ordinal)
                ? ex
                : new InvalidReleaseException($"{source} (in the zip: {ex.Source})", ex.Problem, ex.Line);
        }
    }

    /// <summary>
    /// The refusal of a dropped file of <paramref name="bytes"/> over <see cref="MaxFileBytes"/>, or null when its size is
    /// accepted. Ingestion asks before downloading (from the blob's length), <see cref="Read"/> again on the bytes it is given.
    /// </summary>
    public static InvalidReleaseException? TooLarge(string source, long bytes) =>
        bytes > MaxFileBytes
            ? new InvalidReleaseException(source, $"the file is {bytes / (1024 * 1024)} MB, over the {MaxFileBytes / (1024 * 1024)} MB limit for one release")
            : null;

    private static ReleaseSnapshot Read(ReleaseFile file, IReadOnlyList<ReleaseMember> members, CodeSystem? system, DateOnly? effective)
    {
        var source = file.Name;
        var codeSystem = system
            ?? ReleaseIdentityResolver.SystemFromPath(file.Name, file.Metadata)
            ?? DetectSystem(source, members);

        var content = codeSystem switch
        {
            CodeSystem.Hcpcs => HcpcsAnwebReader.Read(members),
            _ => CptReleaseReader.Read(members),
        };

        if (content.Codes.Count == 0)
        {
            throw new InvalidReleaseException(source, $"no {codeSystem.Name().ToUpperInvariant()} codes found; check that this is the release data file");
        }

        foreach (var code in content.Codes)
        {
            TextLimits.EnsureStorable(source, code);
        }

        var duplicate = content.Codes.GroupBy(c => c.Code, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidReleaseException(source, $"code {duplicate.Key} appears more than once; each code must appear once in a release");
        }

        var effectiveDate = effective
            ?? ReleaseIdentityResolver.Effective(file.Name, file.Metadata, members.Select(m => m.Name))
            ?? throw new InvalidReleaseException(source, "no effective date: set blob metadata 'effective' (yyyy-MM-dd), or drop it under a folder named for the date (hcpcs/2025-04-01/...) or year (cpt/2026/...)") { Unresolved = ReleaseIdentityPart.Effective };

        var identity = new ReleaseIdentity(codeSystem, effectiveDate, source, ReleaseIdentityResolver.Sha256(file.Content));
        return new ReleaseSnapshot(identity, content.DescriptorKinds, content.Codes) { ControlCharacters = content.ControlCharacters };
    }

    /// <summary>
    /// A zip's data members (documents and folders skipped), or the file itself. Members are
    /// decompressed through a counting stream: past <see cref="MaxMemberBytes"/> for one member or
    /// <see cref="MaxExpandedBytes"/> for all of them the zip is rejected, whatever sizes its
    /// directory claims, so a small zip of huge members never takes the process's memory.
    /// Documents (.pdf, .docx, ...) are listed by name with no content: no reader opens them.
    /// </summary>
    public static IReadOnlyList<ReleaseMember> Expand(ReleaseFile file)
    {
        if (!IsZip(file.Content) || IsWorkbook(file.Name))
        {
            // The same limit as for a file inside a zip: one data file is never larger.
            if (file.Content.LongLength > MaxMemberBytes)
            {
                throw new InvalidReleaseException(file.Name, $"the file is {file.Content.LongLength / (1024 * 1024)} MB, over the {MaxMemberBytes / (1024 * 1024)} MB limit for one data file of a release (a CMS year is about 4 MB)");
            }

            return [new ReleaseMember(file.Name, file.Content)];
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(file.Content, writable: false), ZipArchiveMode.Read);
            var members = new List<ReleaseMember>();
            var budget = new ZipBudget(file.Name, "zip", "member");
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/') || entry.FullName.Contains("__MACOSX", StringComparison.Ordinal) || entry.Name.StartsWith('.'))
                {
                    continue;
                }

                // A zip inside the zip is listed like a document, never opened: if the release cannot be
                // read without it, the message says to extract it (see Read).
                if (DocumentExtensions.Contains(Path.GetExtension(entry.Name).ToLowerInvariant()) || IsNestedZip(entry.Name))
                {
                    members.Add(new ReleaseMember(entry.FullName, []));
                    continue;
                }

                members.Add(new ReleaseMember(entry.FullName, budget.Read(entry)));
            }

            if (members.Count == 0)
            {
                throw new InvalidReleaseException(file.Name, "the zip holds no files");
            }

            return members;
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidReleaseException(file.Name, $"the zip cannot be opened ({ex.Message}); download it again");
        }
    }

    // An .xlsx is a zip too; it is one data file, not a release zip.
    private static bool IsWorkbook(string name) =>
        name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".xlsm", StringComparison.OrdinalIgnoreCase);

    private static bool IsNestedZip(string name) => name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    private static bool IsZip(byte[] content) =>
        content.Length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;

    private static CodeSystem DetectSystem(string source, IReadOnlyList<ReleaseMember> members)
    {
        // A CMS ANWEB file name settles it without opening a workbook (which costs as much as reading it).
        if (members.Any(m => m.FileName.Contains("ANWEB", StringComparison.OrdinalIgnoreCase)))
        {
            return CodeSystem.Hcpcs;
        }

        // Then CPT: it only claims AMA file names or codes that start with four digits, which an
        // HCPCS Level II file never has, while a broad HCPCS check could take a CPT spreadsheet.
        if (members.Any(CptReleaseReader.Recognizes))
        {
            return CodeSystem.Cpt;
        }

        if (members.Any(HcpcsAnwebReader.Recognizes))
        {
            return CodeSystem.Hcpcs;
        }

        var wide = members.Select(m => TextDecoder.WideEncoding(m.Content)).FirstOrDefault(e => e is not null);
        throw new InvalidReleaseException(source, wide is not null
            ? $"the file is {wide}; CMS files are Windows-1252/ASCII: save it as ANSI or ASCII text, or drop it under releases/hcpcs/ or releases/cpt/"
            : "cannot tell whether this is an HCPCS or a CPT release; drop it under releases/hcpcs/ or releases/cpt/, or set blob metadata 'system'")
        {
            Unresolved = ReleaseIdentityPart.System,
        };
    }
}
