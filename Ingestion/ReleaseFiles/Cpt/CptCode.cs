namespace CodeUpdates.Ingestion.ReleaseFiles.Cpt;

/// <summary>
/// The shapes a CPT code takes: 5 characters, four digits then a digit (Category I), F (Category II),
/// T (Category III), U (PLA) or M (MAAA); or a 2-digit modifier. HCPCS Level II codes (A1234) are not CPT.
/// </summary>
internal static class CptCode
{
    /// <summary>Upper case, trimmed; <c>true</c> when the result has a CPT shape.</summary>
    public static bool TryNormalize(string? raw, out string code)
    {
        code = (raw ?? string.Empty).Trim().ToUpperInvariant();
        return IsProcedure(code) || IsModifier(code);
    }

    public static bool IsProcedure(string code) =>
        code.Length == 5 && char.IsAsciiDigit(code[0]) && char.IsAsciiDigit(code[1]) && char.IsAsciiDigit(code[2])
        && char.IsAsciiDigit(code[3]) && (char.IsAsciiDigit(code[4]) || code[4] is 'F' or 'T' or 'U' or 'M');

    public static bool IsModifier(string code) => code.Length == 2 && char.IsAsciiDigit(code[0]) && char.IsAsciiDigit(code[1]);

    /// <summary>
    /// A code cell a spreadsheet stored as a number loses its leading zeros (00100 becomes 100):
    /// 3 and 4 digits are padded back to 5. Two digits stay a modifier.
    /// </summary>
    public static string RestoreLeadingZeros(string raw)
    {
        var trimmed = raw.Trim();
        return trimmed.Length is 3 or 4 && trimmed.All(char.IsAsciiDigit) ? trimmed.PadLeft(5, '0') : trimmed;
    }

    public static string Expected =>
        "a CPT code is 5 characters: four digits then a digit, F, T, U or M (99213, 0001F, 0042T, 0001U), or a 2-digit modifier";
}
