using System.Security.Cryptography;

namespace RedisAspire.AppHost.State;

/// <summary>
/// The generated cluster password: created once (32 random bytes, hex) in <c>&lt;state&gt;/password</c> with mode
/// 0600 and reused by every later run, so restarted nodes keep accepting the clients and replicas they had.
/// </summary>
public static class PasswordStore
{
    public const string FileName = "password";

    /// <summary>Reads the stored password, or generates and stores one when there is none.</summary>
    public static string GetOrCreate(string stateDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateDirectory);
        var path = Path.Combine(stateDirectory, FileName);
        if (!File.Exists(path))
        {
            try
            {
                SecureFile.CreateNew(path, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) + "\n");
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another AppHost created it first; use theirs.
            }
        }

        var password = File.ReadAllText(path).Trim();
        if (password.Length == 0 || password.Any(c => c == ',' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new AppHostException(
                $"The stored password {path} is empty or contains ',', whitespace or control characters. " +
                "Put the password the existing nodes use into it, or set Cluster:Password.");
        }

        return password;
    }
}
