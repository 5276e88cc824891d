using Latency.Reports.Study;

namespace Latency.Tests.Reports;

public class WorkloadLabelTests
{
    [Theory]
    // The reference workloads (scenarios/workloads/*.yaml).
    [InlineData("app-cold-start", "App cold start")]
    [InlineData("account-login", "Account login")]
    [InlineData("app-store-download", "App store download")]
    [InlineData("ota-check", "OTA check")]
    [InlineData("photo-backup", "Photo backup")]
    [InlineData("push-heartbeat", "Push heartbeat")]
    // Other separators, repeated separators, initialisms anywhere, case as written.
    [InlineData("feed_scroll", "Feed scroll")]
    [InlineData("--feed--scroll-", "Feed scroll")]
    [InlineData("login-via-sso", "Login via SSO")]
    [InlineData("m.example.com-home", "M.example.com home")]
    [InlineData("iOS-launch", "IOS launch")]
    [InlineData("launch-iOS", "Launch iOS")]
    [InlineData("checkout", "Checkout")]
    public void Of_WorkloadName_ReadableLabel(string name, string expected)
    {
        Assert.Equal(expected, WorkloadLabel.Of(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("__")]
    public void Of_NoWord_NameUnchanged(string name)
    {
        Assert.Equal(name, WorkloadLabel.Of(name));
    }

    [Fact]
    public void Of_Label_IsItsOwnLabel()
    {
        // Applying it twice changes nothing: a label can go where a name is expected without turning odd.
        foreach (var name in new[] { "app-cold-start", "ota-check", "login-via-sso" })
        {
            Assert.Equal(WorkloadLabel.Of(name), WorkloadLabel.Of(WorkloadLabel.Of(name)));
        }
    }
}
