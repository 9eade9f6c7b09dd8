namespace CodeUpdates.Ingestion.ReleaseFiles.Hcpcs;

/// <summary>
/// The 48 fields of a CMS HCPCS ANWEB record: their CMS column names (as the spreadsheet header
/// row spells them) and their places in the 320-byte fixed-width record, as the CMS record layout
/// (HCPCS17/18/19_recordlayout.txt, unchanged through 2026) gives them.
/// </summary>
internal static class HcpcsFields
{
    public const int Hcpc = 0;
    public const int SeqNum = 1;
    public const int RecId = 2;
    public const int LongDescription = 3;
    public const int ShortDescription = 4;
    public const int Xref1 = 25;
    public const int XrefCount = 5;
    public const int AscDate = 32;
    public const int OppsDate = 35;
    public const int AddDate = 44;
    public const int ActionEffectiveDate = 45;
    public const int TerminationDate = 46;
    public const int ActionCode = 47;
    public const int Count = 48;

    /// <summary>The length of a full fixed-width record line.</summary>
    public const int RecordLength = 320;

    /// <summary>CMS column names, indexed by field.</summary>
    public static readonly string[] Names = new string[Count];

    /// <summary>0-based start of each field in a fixed-width record line.</summary>
    public static readonly int[] Start = new int[Count];

    /// <summary>Width of each field in a fixed-width record line.</summary>
    public static readonly int[] Width = new int[Count];

    /// <summary>Fields held as dates (yyyyMMdd in every CMS form).</summary>
    public static readonly bool[] IsDate = new bool[Count];

    /// <summary>Fields that go into <see cref="CodeRecord.Administrative"/>.</summary>
    public static readonly bool[] IsAdministrative = new bool[Count];

    private static readonly string[] HeaderKeys = new string[Count];

    static HcpcsFields()
    {
        var next = 0;

        // (name, 1-based start column in the layout, width, how many numbered fields)
        void Add(string name, int position, int width, int repeat = 1)
        {
            for (var i = 0; i < repeat; i++)
            {
                Names[next] = repeat == 1 ? name : name + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                Start[next] = position - 1 + (i * width);
                Width[next] = width;
                next++;
            }
        }

        Add("HCPC", 1, 5);
        Add("SEQNUM", 6, 5);
        Add("RECID", 11, 1);
        Add("LONG DESCRIPTION", 12, 80);
        Add("SHORT DESCRIPTION", 92, 28);
        Add("PRICE", 120, 2, 4);
        Add("MULT_PI", 128, 1);
        Add("CIM", 129, 6, 3);
        Add("MCM", 147, 8, 3);
        Add("STATUTE", 171, 10);
        Add("LABCERT", 181, 3, 8);
        Add("XREF", 205, 5, XrefCount);
        Add("COV", 230, 1);
        Add("ASC_GRP", 231, 2);
        Add("ASC_DT", 233, 8);
        Add("OPPS", 241, 3);
        Add("OPPS_PI", 244, 1);
        Add("OPPS_DT", 245, 8);
        Add("PROCNOTE", 253, 4);
        Add("BETOS", 257, 3);
        Add("TOS", 261, 1, 5);
        Add("ANEST_BU", 266, 3);
        Add("ADD DT", 269, 8);
        Add("ACT EFF DT", 277, 8);
        Add("TERM DT", 285, 8);
        Add("ACTION CD", 293, 1);

        foreach (var date in (int[])[AscDate, OppsDate, AddDate, ActionEffectiveDate, TerminationDate])
        {
            IsDate[date] = true;
        }

        for (var field = 0; field < Count; field++)
        {
            IsAdministrative[field] = field is > ShortDescription and < AddDate && field is not (>= Xref1 and < Xref1 + XrefCount);
            HeaderKeys[field] = HeaderKey(Names[field]);
        }
    }

    /// <summary>The field a spreadsheet or CSV header names, or -1. Spacing, case and '_' versus ' ' do not matter.</summary>
    public static int FromHeader(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return -1;
        }

        var key = HeaderKey(header);
        for (var field = 0; field < Count; field++)
        {
            if (HeaderKeys[field] == key)
            {
                return field;
            }
        }

        return -1;
    }

    private static string HeaderKey(string header) =>
        TextNormalizer.Collapse(header.Replace('_', ' ')).ToUpperInvariant();
}
