using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Publishing;
using RedisAspire.Hosting.Lifecycle;

namespace RedisAspire.Hosting.State;

/// <summary>
/// The default of a password parameter in run mode: the password stored in <c>&lt;state&gt;/password-&lt;user&gt;</c>
/// (0600), generated there on first use and kept across runs, so restarted nodes keep accepting their clients and an
/// operator can read it. A <c>Parameters:&lt;name&gt;</c> value in configuration takes precedence (Aspire's rule).
/// Publishing writes a generated value instead: a deployment gets its own secret.
/// </summary>
internal sealed class StateFolderPasswordDefault(ClusterSession session, string user) : ParameterDefault
{
    private static readonly GenerateParameterDefault Generated = new() { MinLength = 32, Special = false };

    public override string GetDefaultValue()
    {
        session.Open();
        return PasswordStore.GetOrCreate(session.StateDirectory, user);
    }

    public override void WriteToManifest(ManifestPublishingContext context) => Generated.WriteToManifest(context);
}
