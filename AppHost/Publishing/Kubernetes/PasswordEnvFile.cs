using RedisAspire.Hosting.Publishing;
using System.Security.Cryptography;
using RedisAspire.Hosting.State;

namespace RedisAspire.AppHost.Publishing.Kubernetes;

/// <summary>
/// <c>redis-password.env</c>: the one file holding the nodes' password (<c>password=…</c>, mode 0600), read by kustomize's
/// secretGenerator. Generated on the first publish and kept by every later one, so publishing again never changes the
/// password of running nodes.
/// </summary>
public static class PasswordEnvFile
{
    public const string FileName = "redis-password.env";

    private const string Prefix = KubernetesTopology.SecretKey + "=";

    /// <summary>Keeps the existing file or creates it; returns its path.</summary>
    /// <param name="directory">The output folder.</param>
    /// <param name="configured"><c>Parameters:cache-password</c>; empty generates one.</param>
    public static string Ensure(string directory, string configured)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(configured);
        var path = Path.Combine(directory, FileName);
        if (File.Exists(path))
        {
            var existing = Read(path);
            if (configured.Length > 0 && configured != existing)
            {
                throw new AppHostException(
                    $"{path} already holds a different password than Parameters:cache-password, and deployed nodes may use it. " +
                    "Publishing never replaces a password: leave Parameters:cache-password unset to keep the file, or delete the file " +
                    "to publish the new password (then change it on the running nodes too: CONFIG SET requirepass/masterauth).");
            }

            SecureFile.WriteAllText(path, Prefix + existing + "\n");
            return path;
        }

        if (configured.Length > 0 && !PublishedNode.IsPublishablePassword(configured))
        {
            throw new AppHostException(
                $"Parameters:cache-password may contain only {PublishedNode.PasswordAlphabet} in published manifests; leave it empty to generate one.");
        }

        var password = configured.Length > 0 ? configured : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        SecureFile.CreateNew(path, Prefix + password + "\n");
        return path;
    }

    /// <summary>The password in <paramref name="path"/>; a file with anything else in it is an error that names it.</summary>
    public static string Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        if (lines is not [var line] || !line.StartsWith(Prefix, StringComparison.Ordinal) || !PublishedNode.IsPublishablePassword(line[Prefix.Length..]))
        {
            throw new AppHostException(
                $"{path} must hold exactly one line '{Prefix}<password>' with only {PublishedNode.PasswordAlphabet} in the password. " +
                "Put back the password the deployed nodes use, or delete the file to generate a new one.");
        }

        return line[Prefix.Length..];
    }
}
