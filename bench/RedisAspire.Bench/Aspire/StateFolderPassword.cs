namespace RedisAspire.Bench.Aspire;

/// <summary>
/// Reads a password the AppHost generated into its state folder (<c>password-&lt;user&gt;</c>), after checking that the
/// file is the owner's alone (0600). The value is handed to connections only; no message ever contains it.
/// </summary>
public static class StateFolderPassword
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static async Task<string> ReadAsync(string stateDirectory, string user, CancellationToken cancellationToken)
    {
        var path = Path.Combine(stateDirectory, $"password-{user}");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} does not exist; the benchmark cannot connect as '{user}'.");
        }

        var mode = File.GetUnixFileMode(path);
        if (mode != OwnerOnly)
        {
            throw new InvalidOperationException($"{path} has mode {Convert.ToString((int)mode, 8)}, expected 600 (owner read/write only); not reading it.");
        }

        var password = (await File.ReadAllTextAsync(path, cancellationToken)).Trim();
        return password.Length > 0 ? password : throw new InvalidOperationException($"{path} is empty.");
    }
}
