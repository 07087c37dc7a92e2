using System.Security.Cryptography;
using Aspire.Hosting;
using RedisAspire.Hosting.Configuration;

namespace RedisAspire.Hosting.State;

/// <summary>
/// Generated passwords, one per Redis user, each created once (32 random bytes, hex) in
/// <c>&lt;state&gt;/password-&lt;user&gt;</c> with mode 0600 and reused by every later run, so restarted nodes keep
/// accepting the clients and replicas they had. State folders from versions before ACL users hold one
/// <c>&lt;state&gt;/password</c>: it was the password clients sent with <c>AUTH &lt;password&gt;</c>, which is the
/// <c>default</c> user's, so it seeds <c>password-default</c> and existing clients keep working. It is left as it is.
/// </summary>
public static class PasswordStore
{
    /// <summary>The single password file of state folders from versions before ACL users.</summary>
    public const string LegacyFileName = "password";

    /// <summary>The file of <paramref name="user"/>'s password: <c>password-&lt;user&gt;</c>.</summary>
    public static string FileName(string user) => $"password-{user}";

    /// <summary>Reads <paramref name="user"/>'s stored password, or generates and stores one when there is none.</summary>
    public static string GetOrCreate(string stateDirectory, string user)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateDirectory);
        ArgumentException.ThrowIfNullOrEmpty(user);
        var path = Path.Combine(stateDirectory, FileName(user));
        if (!File.Exists(path))
        {
            var legacy = Path.Combine(stateDirectory, LegacyFileName);
            var content = user == RedisAcl.DefaultUser && File.Exists(legacy)
                ? File.ReadAllText(legacy)
                : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) + "\n";
            try
            {
                SecureFile.CreateNew(path, content);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another AppHost created it first; use theirs.
            }
        }

        var password = File.ReadAllText(path).Trim();
        if (password.Length == 0 || password.Any(c => c == ',' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new DistributedApplicationException(
                $"The stored password {path} is empty or contains ',', whitespace or control characters. " +
                "Put the password the existing nodes use into it" +
                (user == RedisAcl.DefaultUser ? ", or set the application password parameter (Parameters:<cluster>-password)." : ", or delete it to generate a new one."));
        }

        return password;
    }
}
