using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Dashboard;

/// <summary>
/// A fact that drives Debian's chromium (<c>/usr/bin/chromium</c>) and runs real Redis nodes. It is skipped, saying
/// so, only when chromium or the Redis binaries are absent; <c>.ci/run</c> installs all of them.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        Skip = RedisTools.SkipReason ?? (File.Exists(ChromiumPath)
            ? null
            : $"chromium is absent: {ChromiumPath} does not exist. Install it (apt-get install -y chromium) to run this test; Playwright's own browsers are not used.");
    }
}
