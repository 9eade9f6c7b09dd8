using System.Text;
using Azure.Data.Tables;

namespace CodeUpdates.Ingestion.Subscribers;

/// <summary>
/// A subscriber's code list as properties of their table row. A table property holds at most 64 KiB and a row
/// 1 MiB; 100,000 codes as one string (UTF-16 on the wire) would be 1.2 MB. As ASCII bytes, one code a line,
/// they are at most 100,000 × 6 = 600,000 bytes: <see cref="Chunks"/> binary properties of 64 KiB hold them,
/// and the row stays under 1 MiB. In the row, not a blob of its own, so the address, its systems and its list
/// change in one write and go with one delete; a blob would need a second write and could outlive its subscriber.
/// </summary>
public static class SubscriberCodeChunks
{
    /// <summary>The property that says how many codes the list holds (absent or 0: no list).</summary>
    public const string CountProperty = "CodeCount";

    /// <summary>The most bytes a binary table property holds.</summary>
    public const int ChunkBytes = 64 * 1024;

    /// <summary>Enough 64 KiB chunks for <see cref="Answers.CodeList.MaxCodes"/> codes of 5 characters and a line break each.</summary>
    public const int Chunks = (Answers.CodeList.MaxCodes * 6 + ChunkBytes - 1) / ChunkBytes;

    /// <summary>
    /// Sets the count and every chunk property, the unused ones empty, so a merge over a longer list
    /// leaves nothing of it behind.
    /// </summary>
    public static void Write(TableEntity entity, IReadOnlyList<string> codes)
    {
        var bytes = Encoding.ASCII.GetBytes(string.Join('\n', codes));
        if (bytes.Length > Chunks * ChunkBytes)
        {
            // CodeList bounds the count and the code's form, so this is a broken caller, not a request.
            throw new ArgumentException($"a code list of {codes.Count} codes takes {bytes.Length} bytes, more than {Chunks} table properties hold", nameof(codes));
        }

        entity[CountProperty] = codes.Count;
        for (var i = 0; i < Chunks; i++)
        {
            var start = Math.Min(i * ChunkBytes, bytes.Length);
            entity[Name(i)] = bytes[start..Math.Min(start + ChunkBytes, bytes.Length)];
        }
    }

    public static IReadOnlyList<string> Read(TableEntity entity)
    {
        if ((entity.GetInt32(CountProperty) ?? 0) == 0)
        {
            return [];
        }

        using var all = new MemoryStream();
        for (var i = 0; i < Chunks; i++)
        {
            if (entity.GetBinary(Name(i)) is { } chunk)
            {
                all.Write(chunk);
            }
        }

        return Encoding.ASCII.GetString(all.GetBuffer(), 0, (int)all.Length).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string Name(int chunk) => $"Codes{chunk:D2}";
}
