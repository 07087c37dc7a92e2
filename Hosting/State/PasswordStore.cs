using System.Security.Cryptography;
using Aspire.Hosting;
using RedisAspire.Hosting.Configuration;

namespace RedisAspire.Hosting.State;

/// <summary>
/// Generated passwords, one per Redis user, each created once (32 random bytes, hex) in
/// <c>&lt;state&gt;/password-&lt;user&gt;</c> with mode 0600 and reused by every later run, so restarted nodes keep
/// accepting the clients and replicas they had. The application password (<c>password-app</c>) is the one earlier
/// versions kept as the <c>default</c> user's (<c>password-default</c>) or, before ACL users, as <c>password</c>: the
/// first of those found seeds it, so an existing deployment keeps its application password (its clients add
/// <c>user=app</c>). The earlier files are left as they are.
/// </summary>
public static class PasswordStore
{
    /// <summary>Earlier names of the application password's file, newest first: the <c>default</c> user's, then the single password of versions before ACL users.</summary>
    public static IReadOnlyList<string> EarlierApplicationFileNames { get; } = [$"password-{RedisAcl.DefaultUser}", "password"];

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
            var earlier = user == RedisAcl.ApplicationUser
                ? EarlierApplicationFileNames.Select(name => Path.Combine(stateDirectory, name)).FirstOrDefault(File.Exists)
                : null;
            var content = earlier is not null
                ? File.ReadAllText(earlier)
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
                (user == RedisAcl.ApplicationUser ? ", or set the application password parameter (Parameters:<cluster>-password)." : ", or delete it to generate a new one."));
        }

        return password;
    }
}
