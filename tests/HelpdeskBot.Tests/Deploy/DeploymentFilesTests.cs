using HelpdeskBot.Tests.Infrastructure;

namespace HelpdeskBot.Tests.Deploy;

/// <summary>
/// The container, compose and Azure files pass their offline validators (deploy/validate.sh: dockerfile-utils, dclint
/// with the Compose Specification's schema, caddy validate, the Bicep compiler, shellcheck, and the checks of how the
/// files fit together). Docker itself cannot run here; see deploy/README.md.
/// </summary>
public sealed class DeploymentFilesTests
{
    [Fact]
    public async Task TheContainerComposeAndAzureFilesPassTheirValidators()
    {
        await using var validate = ExternalProcess.Start("bash", [RepositoryRoot.Combine("deploy", "validate.sh")], RepositoryRoot.Path);

        var exitCode = await validate.WaitForExitAsync(TimeSpan.FromMinutes(5));

        Assert.True(exitCode == 0, validate.Output);
        Assert.Contains("all checks passed", validate.Output);
    }
}
