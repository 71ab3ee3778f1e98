:: before the lesson, as administrator: the Modbus ports and the report port, to the classroom subnet only
netsh advfirewall firewall add rule name="FactoryLab classroom" dir=in action=allow protocol=TCP localport=5020-5050,8021 remoteip=localsubnet
:: after the lesson
netsh advfirewall firewall delete rule name="FactoryLab classroom"
