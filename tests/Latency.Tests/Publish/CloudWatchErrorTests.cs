using System.Net.Http;
using Latency.Bench.Publish;

namespace Latency.Tests.Publish;

/// <summary>Error answers of the JSON 1.0 protocol read as the SDKs read them, and which of them are worth a retry.</summary>
public class CloudWatchErrorTests
{
    [Theory]
    [InlineData("{\"__type\":\"com.amazon.coral.service#Throttling\",\"message\":\"Rate exceeded\"}", null, "Throttling", "Rate exceeded")]
    [InlineData("{\"__type\":\"InvalidParameterValueException\",\"Message\":\"The value for parameter MetricData.member.1.Values\"}", "InvalidParameterValue;Sender",
        "InvalidParameterValue", "The value for parameter MetricData.member.1.Values")]
    [InlineData("<html>Bad Gateway</html>\nmore", null, null, "<html>Bad Gateway</html>")]
    [InlineData("", null, null, null)]
    public void Parse_ServiceAnswer_CodeAndMessage(string body, string? queryError, string? code, string? message)
    {
        using var response = new HttpResponseMessage();
        if (queryError is not null)
        {
            response.Headers.TryAddWithoutValidation("x-amzn-query-error", queryError);
        }

        var parsed = CloudWatchError.Parse(response.Headers, body);

        Assert.Equal(code, parsed.Code);
        Assert.Equal(message, parsed.Message);
    }

    [Theory]
    [InlineData(400, "Throttling", true)]
    [InlineData(429, null, true)]
    [InlineData(500, "InternalServiceError", true)]
    [InlineData(503, null, true)]
    [InlineData(0, null, true)] // no answer at all
    [InlineData(400, "InvalidParameterValue", false)]
    [InlineData(403, "SignatureDoesNotMatch", false)]
    [InlineData(200, null, false)]
    public void Retryable_ThrottlingAndServerErrorsOnly(int status, string? code, bool retryable)
    {
        Assert.Equal(retryable, new CloudWatchResponse(status, code, "m", 1).Retryable);
    }
}
