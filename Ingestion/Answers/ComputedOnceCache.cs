namespace CodeUpdates.Ingestion.Answers;

/// <summary>
/// Values computed once per key and kept for the most recently used <c>capacity</c> keys. Callers that ask for a
/// key while it is being computed wait for that one computation. A computation that fails, or answers null, is
/// not kept, so the next caller tries again.
/// </summary>
public sealed class ComputedOnceCache<TKey, TValue>(int capacity)
    where TKey : notnull
    where TValue : class
{
    private readonly object gate = new();
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, Lazy<Task<TValue?>> Value)>> entries = [];
    private readonly LinkedList<(TKey Key, Lazy<Task<TValue?>> Value)> recent = new();

    /// <param name="compute">
    /// Runs without the caller's token: it is shared by every caller of the key, and a caller that gives up
    /// stops waiting (with <paramref name="cancellationToken"/>) without cancelling it for the others.
    /// </param>
    public async Task<TValue?> GetAsync(TKey key, Func<TKey, Task<TValue?>> compute, CancellationToken cancellationToken)
    {
        Lazy<Task<TValue?>> value;
        lock (gate)
        {
            if (entries.TryGetValue(key, out var node))
            {
                recent.Remove(node);
                recent.AddFirst(node);
                value = node.Value.Value;
            }
            else
            {
                value = new Lazy<Task<TValue?>>(() => compute(key));
                entries[key] = recent.AddFirst((key, value));
                if (entries.Count > capacity)
                {
                    entries.Remove(recent.Last!.Value.Key);
                    recent.RemoveLast();
                }
            }
        }

        try
        {
            var result = await value.Value.WaitAsync(cancellationToken);
            if (result is null)
            {
                Forget(key, value);
            }

            return result;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            Forget(key, value);
            throw;
        }
    }

    private void Forget(TKey key, Lazy<Task<TValue?>> value)
    {
        lock (gate)
        {
            if (entries.TryGetValue(key, out var node) && ReferenceEquals(node.Value.Value, value))
            {
                entries.Remove(key);
                recent.Remove(node);
            }
        }
    }
}
