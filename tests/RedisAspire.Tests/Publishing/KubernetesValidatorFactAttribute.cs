namespace RedisAspire.Tests.Publishing;

/// <summary>A fact that needs node and the installed validator; skipped, with the reason, only when they are absent.</summary>
public sealed class KubernetesValidatorFactAttribute : FactAttribute
{
    public KubernetesValidatorFactAttribute()
    {
        Skip = KubernetesValidator.SkipReason;
    }
}
