using System.IO.Compression;

namespace CodeUpdates.Ingestion.ReleaseFiles;

/// <summary>
/// Counts the bytes decompressed from a zip's entries while they are read, whatever sizes its
/// directory claims, and stops at the limits: <see cref="ReleaseReader.MaxMemberBytes"/> for one
/// entry, <see cref="ReleaseReader.MaxExpandedBytes"/> for all of them. Used for a release zip's
/// members and for the parts of an .xlsx workbook (itself a zip) before a library opens it.
/// </summary>
/// <param name="source">The file named in the messages.</param>
/// <param name="container">What the messages call the zip: "zip", "workbook".</param>
/// <param name="part">What they call one entry of it: "member", "part".</param>
internal sealed class ZipBudget(string source, string container, string part)
{
    private long total;

    /// <summary>The entry's bytes.</summary>
    /// <exception cref="InvalidReleaseException">A limit is passed.</exception>
    public byte[] Read(ZipArchiveEntry entry)
    {
        using var buffer = new MemoryStream((int)Math.Min(Math.Max(entry.Length, 0), 1024 * 1024));
        Expand(entry, buffer);
        return buffer.ToArray();
    }

    /// <summary>Decompresses the entry only to count it.</summary>
    /// <exception cref="InvalidReleaseException">A limit is passed.</exception>
    public void Measure(ZipArchiveEntry entry) => Expand(entry, null);

    private void Expand(ZipArchiveEntry zipEntry, Stream? into)
    {
        var name = zipEntry.FullName;
        using var stream = zipEntry.Open();
        var chunk = new byte[81920];
        long entryBytes = 0;
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            entryBytes += read;
            total += read;
            if (entryBytes > ReleaseReader.MaxMemberBytes)
            {
                throw new InvalidReleaseException(source, $"{container} {part} {name} expands to over {ReleaseReader.MaxMemberBytes / (1024 * 1024)} MB, the limit for one file of a release");
            }

            if (total > ReleaseReader.MaxExpandedBytes)
            {
                throw new InvalidReleaseException(source, $"the {container}'s {part}s expand to over {ReleaseReader.MaxExpandedBytes / (1024 * 1024)} MB (reached in {part} {name}), the limit for one release");
            }

            into?.Write(chunk, 0, read);
        }
    }
}
