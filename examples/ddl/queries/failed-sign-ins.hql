-- trailhive query failed-sign-ins
SELECT event_time, user_name, principal_arn, user_type, source_ip, user_agent, error_message, mfa_used, aws_region, account_id, event_id
FROM (
  SELECT
    eventtime AS event_time,
    useridentity.username AS user_name,
    useridentity.arn AS principal_arn,
    useridentity.type AS user_type,
    sourceipaddress AS source_ip,
    useragent AS user_agent,
    errormessage AS error_message,
    get_json_object(additionaleventdata, '$.MFAUsed') AS mfa_used,
    get_json_object(responseelements, '$.ConsoleLogin') AS outcome,
    awsregion AS aws_region,
    recipientaccountid AS account_id,
    eventid AS event_id
  FROM cloudtrail
  WHERE eventname = 'ConsoleLogin'
) sign_ins
WHERE outcome = 'Failure'
ORDER BY event_time, event_id;
