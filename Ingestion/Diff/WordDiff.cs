using CodeUpdates.Ingestion.ReleaseFiles;
using DiffPlex;

namespace CodeUpdates.Ingestion.Diff;

/// <summary>Word-level diff of two descriptor texts, on their white-space-collapsed form.</summary>
public static class WordDiff
{
    public static IReadOnlyList<WordRun> Compare(string before, string after)
    {
        var oldWords = Words(before);
        var newWords = Words(after);
        var result = Differ.Instance.CreateCustomDiffs(
            TextNormalizer.Collapse(before), TextNormalizer.Collapse(after), ignoreWhiteSpace: false, ignoreCase: false, Words);

        var runs = new List<WordRun>();
        int a = 0, b = 0;
        foreach (var block in result.DiffBlocks)
        {
            Add(runs, WordChange.Unchanged, oldWords, a, block.DeleteStartA - a);
            Add(runs, WordChange.Removed, oldWords, block.DeleteStartA, block.DeleteCountA);
            Add(runs, WordChange.Inserted, newWords, block.InsertStartB, block.InsertCountB);
            a = block.DeleteStartA + block.DeleteCountA;
            b = block.InsertStartB + block.InsertCountB;
        }

        Add(runs, WordChange.Unchanged, oldWords, a, oldWords.Length - a);
        return runs;
    }

    private static string[] Words(string text) =>
        TextNormalizer.Collapse(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static void Add(List<WordRun> runs, WordChange change, string[] words, int start, int count)
    {
        if (count > 0)
        {
            runs.Add(new WordRun(change, string.Join(' ', words, start, count)));
        }
    }
}
