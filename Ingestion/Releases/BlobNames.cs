using System.Text;
using Azure.Storage.Blobs;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// The one rule for blob names the product reads, moves, deletes or writes. Names are data: storage
/// resolves '.' and '..' segments of a request URL like a file path, so a blob stored under an
/// escaped <c>../other/x</c> is reached, through a client built from its name, as <c>other/x</c> in
/// another container. A name that breaks the rule is never used to build a client.
/// </summary>
public static class BlobNames
{
    /// <summary>Storage's limit on a blob name.</summary>
    public const int MaxLength = 1024;

    /// <summary>Storage's limit on the number of '/'-separated segments of a blob name.</summary>
    public const int MaxSegments = 254;

    /// <summary>What is wrong with <paramref name="name"/> as a blob name, or null when it is fine.</summary>
    public static string? Problem(string name)
    {
        string? what = name switch
        {
            "" => "is empty",
            { Length: > MaxLength } => $"is {name.Length} characters long, over storage's {MaxLength}",
            _ when name.StartsWith('/') => "starts with '/'",
            _ when name.EndsWith('/') || name.EndsWith('.') => "ends with '/' or '.'",
            _ when name.Contains('\\', StringComparison.Ordinal) => "holds a backslash",
            _ when name.Any(char.IsControl) => "holds a control character",
            _ when HasUnpairedSurrogate(name) => "holds an unpaired surrogate (not Unicode text)",
            _ => null,
        };
        if (what is null)
        {
            var segments = name.Split('/');
            what = segments switch
            {
                _ when segments.Contains("..") => "has a '..' segment",
                _ when segments.Contains(".") => "has a '.' segment",
                _ when segments.Contains(string.Empty) => "has an empty segment ('//')",
                { Length: > MaxSegments } => $"has {segments.Length} segments, over storage's {MaxSegments}",
                _ => null,
            };
        }

        return what is null
            ? null
            : $"the blob name '{Printable(name)}' {what}: a release's name must be folder/file.ext, at most {MaxLength} characters, without '.' or '..' segments, empty segments, a leading '/', a trailing '/' or '.', backslashes or control characters";
    }

    /// <summary>
    /// A client for <paramref name="name"/> in <paramref name="container"/>, checked to address exactly that
    /// blob of that container (so a name the rule missed can still never reach another one).
    /// </summary>
    /// <exception cref="ArgumentException">The name breaks the rule, or its client would address another blob.</exception>
    public static BlobClient Client(BlobContainerClient container, string name)
    {
        if (Problem(name) is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        var client = container.GetBlobClient(name);
        var addressed = new BlobUriBuilder(client.Uri);
        if (addressed.BlobContainerName != container.Name || addressed.BlobName != name)
        {
            throw new ArgumentException(
                $"the blob name '{Printable(name)}' would address '{Printable(addressed.BlobContainerName)}/{Printable(addressed.BlobName)}', not a blob of '{container.Name}'",
                nameof(name));
        }

        return client;
    }

    /// <summary>The name with control characters and unpaired surrogates written as \uXXXX, safe to log, store and show.</summary>
    public static string Printable(string name)
    {
        var text = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            var ch = name[i];
            var paired = char.IsHighSurrogate(ch) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]);
            if (paired)
            {
                text.Append(ch).Append(name[++i]);
            }
            else if (char.IsControl(ch) || char.IsSurrogate(ch))
            {
                text.Append($"\\u{(int)ch:x4}");
            }
            else
            {
                text.Append(ch);
            }
        }

        return text.ToString();
    }

    private static bool HasUnpairedSurrogate(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsHighSurrogate(name[i]) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(name[i]))
            {
                return true;
            }
        }

        return false;
    }
}
