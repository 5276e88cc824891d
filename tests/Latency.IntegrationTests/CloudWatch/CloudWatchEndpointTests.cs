using System.Text.Json;
using System.Text.Json.Nodes;
using Latency.IntegrationTests.Support;

namespace Latency.IntegrationTests.CloudWatch;

/// <summary>
/// The local CloudWatch endpoint can refuse: requests signed by botocore itself are accepted and recorded as sent,
/// and each check (signature, the model's maxima, the documented limits, throttling) refuses the request just past
/// its limit with the service's error shape, so a publisher test passing against it means something.
/// </summary>
public class CloudWatchEndpointTests
{
    [RequiresBotocoreFact]
    public async Task RequestSignedByBotocore_IsAcceptedAndRecordedAsSent()
    {
        await using var endpoint = await CloudWatchEndpoint.StartAsync();
        var body = MetricDataBody(Datum("p50", dimensions: 2, values: 3), Datum("p99", dimensions: 1, values: 1));

        var answer = Assert.Single(await BotocoreClient.SendAsync(endpoint, body));

        Assert.Equal(200, answer.GetProperty("status").GetInt32());
        Assert.Equal("{}", answer.GetProperty("body").GetRawText());
        var accepted = Assert.Single(endpoint.Accepted());
        Assert.Equal("PutMetricData", accepted.Operation);
        Assert.False(accepted.Gzip);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(accepted.Body.GetRawText())), accepted.Body.GetRawText());
    }

    [RequiresBotocoreFact]
    public async Task WrongSecret_IsRefusedSignatureDoesNotMatch_AndNoSecretIsLogged()
    {
        await using var endpoint = await CloudWatchEndpoint.StartAsync();

        var answer = Assert.Single(await BotocoreClient.SendAsync(endpoint, MetricDataBody(Datum("p50")), secretKey: "not-the-secret"));

        AssertError(answer, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided");
        Assert.Empty(endpoint.Accepted());
        Assert.Contains("403 SignatureDoesNotMatch", endpoint.StandardError);
        Assert.DoesNotContain(endpoint.Options.SecretKey, endpoint.StandardError);
        Assert.DoesNotContain("not-the-secret", endpoint.StandardError);
    }

    [RequiresBotocoreFact]
    public async Task ThirtyDimensionsAreAccepted_ThirtyOneRefusedNamingTheDatum()
    {
        await using var endpoint = await CloudWatchEndpoint.StartAsync();

        var answers = await BotocoreClient.SendAsync(endpoint, [MetricDataBody(Datum("p50", dimensions: 30)), MetricDataBody(Datum("p50"), Datum("p90", dimensions: 31))]);

        Assert.Equal(200, answers[0].GetProperty("status").GetInt32());
        AssertError(answers[1], 400, "InvalidParameterValueException", "MetricData.member.2.Dimensions");
        Assert.Single(endpoint.Accepted());
    }

    [RequiresBotocoreFact]
    public async Task ValuesAreAcceptedUpTo150_151AndValueWithValuesRefusedNamingTheField()
    {
        await using var endpoint = await CloudWatchEndpoint.StartAsync();
        var both = JsonNode.Parse(Datum("p90"))!;
        both["Value"] = 1.5;

        var answers = await BotocoreClient.SendAsync(endpoint, [
            MetricDataBody(Datum("p50", values: 150)),
            MetricDataBody(Datum("p50"), Datum("p90", values: 151)),
            MetricDataBody(Datum("p50"), Datum("p50"), both.ToJsonString()),
        ]);

        Assert.Equal(200, answers[0].GetProperty("status").GetInt32());
        AssertError(answers[1], 400, "InvalidParameterValueException", "MetricData.member.2.Values");
        AssertError(answers[2], 400, "InvalidParameterCombinationException", "MetricData.member.3.Value and MetricData.member.3.Values");
        Assert.Single(endpoint.Accepted());
    }

    [RequiresBotocoreFact]
    public async Task ThrottleAndFail_AnswerThrottlingTwiceThenAFaultThenAccept()
    {
        await using var endpoint = await CloudWatchEndpoint.StartAsync(new CloudWatchEndpointOptions { Throttle = 2, Fail = 1 });

        var answers = await BotocoreClient.SendAsync(endpoint, MetricDataBody(Datum("p50")), repeat: 4);

        Assert.Equal(4, answers.Count);
        AssertError(answers[0], 400, "Throttling", "Rate exceeded");
        AssertError(answers[1], 400, "Throttling", "Rate exceeded");
        AssertError(answers[2], 500, "InternalServiceFault", "Internal service error");
        Assert.Equal(200, answers[3].GetProperty("status").GetInt32());
        Assert.Single(endpoint.Accepted());
    }

    [RequiresBotocoreFact]
    public async Task GzipBody_IsAcceptedAndRecordedDecompressed()
    {
        await using var endpoint = await CloudWatchEndpoint.StartAsync();
        var body = MetricDataBody(Datum("p50", values: 150));

        var answer = Assert.Single(await BotocoreClient.SendAsync(endpoint, body, gzip: true));

        Assert.Equal(200, answer.GetProperty("status").GetInt32());
        var accepted = Assert.Single(endpoint.Accepted());
        Assert.True(accepted.Gzip);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(accepted.Body.GetRawText())));
    }

    [RequiresBotocoreFact]
    public async Task Dashboard_WithWidgetsIsAccepted_WithoutRefused()
    {
        await using var endpoint = await CloudWatchEndpoint.StartAsync();
        string Dashboard(object body) => JsonSerializer.Serialize(new { DashboardName = "Latency-run", DashboardBody = JsonSerializer.Serialize(body) });

        var answers = await BotocoreClient.SendAsync(
            endpoint, [Dashboard(new { widgets = new[] { new { type = "metric" } } }), Dashboard(new { title = "no widgets" })], operation: "PutDashboard");
        var (good, bad) = (answers[0], answers[1]);

        Assert.Equal(200, good.GetProperty("status").GetInt32());
        Assert.Equal("""{"DashboardValidationMessages": []}""", good.GetProperty("body").GetRawText());
        AssertError(bad, 400, "DashboardInvalidInputError", "dashboard body is invalid");
        Assert.Equal("PutDashboard", Assert.Single(endpoint.Accepted()).Operation);
    }

    private static void AssertError(JsonElement answer, int status, string type, string messagePart)
    {
        Assert.Equal(status, answer.GetProperty("status").GetInt32());
        var body = answer.GetProperty("body");
        Assert.Equal(type, body.GetProperty("__type").GetString());
        Assert.Contains(messagePart, body.GetProperty("message").GetString());
    }

    private static string MetricDataBody(params string[] data) =>
        new JsonObject { ["Namespace"] = "Latency/Test", ["MetricData"] = new JsonArray([.. data.Select(d => JsonNode.Parse(d))]) }.ToJsonString();

    private static string Datum(string name, int dimensions = 1, int values = 2) =>
        new JsonObject
        {
            ["MetricName"] = name,
            ["Timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["Dimensions"] = new JsonArray([.. Enumerable.Range(0, dimensions).Select(i => (JsonNode)new JsonObject { ["Name"] = $"D{i}", ["Value"] = $"v{i}" })]),
            ["Values"] = new JsonArray([.. Enumerable.Range(1, values).Select(i => (JsonNode)(i * 1.25))]),
            ["Counts"] = new JsonArray([.. Enumerable.Range(1, values).Select(i => (JsonNode)i)]),
            ["Unit"] = "Milliseconds",
        }.ToJsonString();
}
