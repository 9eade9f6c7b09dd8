using System.Security.Cryptography;
using System.Text;

namespace CodeUpdates.Ingestion.Answers;

/// <summary>Strong entity tags for answers: a short hash over what the representation depends on.</summary>
public static class ContentTag
{
    /// <summary>A quoted strong tag over the given parts (for example the versions' tag, the code and the date).</summary>
    public static string Of(params string[] parts) =>
        "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))))[..24] + "\"";
}
