-- trailhive query root-account-use
SELECT
  eventtime AS event_time,
  eventsource AS event_source,
  eventname AS event_name,
  useridentity.arn AS principal_arn,
  sourceipaddress AS source_ip,
  useragent AS user_agent,
  awsregion AS aws_region,
  recipientaccountid AS account_id,
  errorcode AS error_code,
  eventid AS event_id
FROM cloudtrail
WHERE useridentity.type = 'Root'
  AND (eventtype IS NULL OR eventtype <> 'AwsServiceEvent')
ORDER BY event_time, event_id;
