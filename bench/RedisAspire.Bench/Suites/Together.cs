namespace RedisAspire.Bench.Suites;

/// <summary>Awaits waits that run side by side: the first that fails cancels the others, and its error is the one thrown.</summary>
public static class Together
{
    public static async Task AllAsync(CancellationTokenSource cancellation, params Task[] tasks)
    {
        ArgumentNullException.ThrowIfNull(cancellation);
        var pending = tasks.ToList();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            if (!done.IsCompletedSuccessfully)
            {
                await cancellation.CancelAsync();
                await done;
            }
        }
    }
}
